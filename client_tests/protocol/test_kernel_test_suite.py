"""The standard jupyter_kernel_test suite, with every capability attribute set."""
import jupyter_kernel_test as jkt

from kernel_under_test import SIGNAL_KERNEL


class StrideKernelTests(jkt.KernelTests):
    kernel_name = SIGNAL_KERNEL
    language_name = "stride"
    file_extension = ".stride"

    code_hello_world = 'print("hello, world")'
    code_stderr = 'eprint("something went wrong")'

    completion_samples = [
        {"text": "debugPri", "matches": {"debugPrint"}},
        {"text": "fatalErr", "matches": {"fatalError"}},
    ]
    complete_code_samples = ["1 + 1", "let x = 3", 'print("a")', "func f() {\n    print(1)\n}", ""]
    incomplete_code_samples = ["func f() {", "let xs = [1, 2,", "if true {\n    print(1)", "let s = \"\"\"\nabc"]
    # Text that no continuation can make valid (the lexer refuses it); other syntax errors
    # count as complete, so the cell runs and reports the error with its caret.
    invalid_code_samples = ["let mask = 0b102", "let a = 1 \\ 2", "let `name = 1", "let x = 3 § 4"]

    code_generate_error = 'fatalError("boom")'
    # Expected values as Swift's REPL shows them.
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"a" + "b"', "result": '"ab"'},
        {"code": "[1, 2, 3].map { $0 * 2 }", "result": "[2, 4, 6]"},
        {"code": "7 / 2", "result": "3"},
        {"code": "imshow(Tensor(randomUniform: [8, 8], seed: 3))", "mime": "image/png"},
    ]
    code_display_data = [
        {"code": 'display("shown")', "mime": "text/plain"},
        {"code": "display(imshow(Tensor(randomUniform: [8, 8], seed: 3)))", "mime": "image/png"},
        {"code": "display(plot([1.0, 4.0, 9.0], title: \"Squares\"))", "mime": "image/svg+xml"},
    ]
    code_inspect_sample = "print"
    code_page_something = "help(print)"
    code_clear_output = "clearOutput()"
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6 ? 7"


class StrideIopubWelcomeTests(jkt.IopubWelcomeTests):
    kernel_name = SIGNAL_KERNEL
    support_iopub_welcome = True
