"""wireledger.cli"""
