"""wireledger.api"""
