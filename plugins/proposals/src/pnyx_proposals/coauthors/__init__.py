"""Co-authorship: several people write a proposal together (issue 20, item 5).

The first author invites others by the e-mail of their account; an invited
person accepts (possibly on behalf of one of their organizations) or declines.
Accepted co-authors are shown as authors, may edit the proposal and decide on
its amendments. ``service`` holds the rules, ``views`` the pages.
"""
