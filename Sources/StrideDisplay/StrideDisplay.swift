// Module StrideDisplay.
