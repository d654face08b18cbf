from jupyterlab_server import browser, lab  # noqa: F401  (fixtures)
