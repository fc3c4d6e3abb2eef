"""wireledger.ingest"""
