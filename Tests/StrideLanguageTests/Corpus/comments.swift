// Line comments, nested block comments and doc comments.
/* a block comment
   /* with a nested one */
   still inside the outer comment */
/// Adds two numbers.
/// - Returns: the sum.
func add(_ a: Int, _ b: Int) -> Int {
    return a + b // trailing comment
}
let x = /* inline */ add(1, /* another */ 2)
print(x) // 3
/**
 A doc block comment.
 */
func id(_ v: Int) -> Int { v }
print(id(x) /* not part of the output */)
print("// not a comment", "/* nor this */")
// print("commented out")
/* print("commented out too") /* nested */ print("still out") */
print("end")
