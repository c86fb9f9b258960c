"""The meetings plugin's pages: public (component), participants', admin, directory."""
