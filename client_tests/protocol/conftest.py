"""Writes the kernelspecs of the kernel under test before any test starts a kernel
(jupyter_kernel_test starts its kernel in setUpClass, before fixtures run)."""
import kernel_under_test  # noqa: F401  (importing it writes the kernelspecs)
