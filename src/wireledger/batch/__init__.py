"""wireledger.batch"""
