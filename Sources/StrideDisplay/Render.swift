/// Every picture, chart and table of the notebook, rendered to MIME bundles. The inputs are
/// plain Swift values; nothing here knows tensors, the language or Jupyter.
public enum Render {}
