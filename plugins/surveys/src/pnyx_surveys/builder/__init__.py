"""The staff\x27s questionnaire builder."""
