"""Filed projects, their history and review, and the actions that change them."""
