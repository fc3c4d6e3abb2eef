"""Commands that build the small trained artefacts shipped in ``wireledger/nlp/data``.

Each module is runnable (``python -m wireledger.training.NAME --help``) and reproduces one artefact from
data read by path; nothing here runs while reading documents.
"""
