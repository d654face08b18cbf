// Module StrideLanguage.
