// Module StrideEngine.
