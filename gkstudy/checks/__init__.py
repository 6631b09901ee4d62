"""The format's arithmetic: identities, checks and warnings, repair of a missing cell, cross-year checks."""
