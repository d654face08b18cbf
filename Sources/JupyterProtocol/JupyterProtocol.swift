// Module JupyterProtocol.
