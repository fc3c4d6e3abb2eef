"""wireledger.store"""
