"""wireledger.resolve"""
