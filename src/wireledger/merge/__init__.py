"""wireledger.merge"""
