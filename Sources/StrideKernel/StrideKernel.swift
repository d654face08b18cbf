// Module StrideKernel.
