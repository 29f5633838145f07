"""A&E flow measures."""
