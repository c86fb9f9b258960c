"""``goodboard``: a small plugin that keeps every rule of the contract."""
