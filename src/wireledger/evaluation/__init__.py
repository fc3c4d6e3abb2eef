"""Evaluations: wireledger's output measured against gold data, with the numbers docs/quality.md pins."""
