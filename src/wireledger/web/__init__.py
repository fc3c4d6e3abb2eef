"""wireledger.web"""
