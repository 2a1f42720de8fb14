"""Source texts: paragraphs and sentences, undertaking language, coverage, and drafting a new
document."""
