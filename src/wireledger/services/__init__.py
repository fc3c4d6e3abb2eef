"""wireledger.services"""
