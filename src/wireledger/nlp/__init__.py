"""wireledger.nlp"""
