"""The resource declarations and what is derived from them."""
