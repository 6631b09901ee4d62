"""Facts every stage shares: tokens and documents, values, text normalisation, the codebook, variables, atomic files."""
