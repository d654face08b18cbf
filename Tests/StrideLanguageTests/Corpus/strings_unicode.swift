let wiseWords = "\"Imagination is more important than knowledge\" - Einstein"
let dollarSign = "\u{24}"
let blackHeart = "\u{2665}"
let sparklingHeart = "\u{1F496}"
print(wiseWords, dollarSign, blackHeart, sparklingHeart)
var word = "cafe"
print("the number of characters in \(word) is \(word.count)")
word += "\u{301}"
print("the number of characters in \(word) is \(word.count)")
let greeting = "Guten Tag!"
print(greeting[greeting.startIndex], greeting[greeting.index(before: greeting.endIndex)])
print(greeting[greeting.index(after: greeting.startIndex)])
let index = greeting.index(greeting.startIndex, offsetBy: 7)
print(greeting[index])
for i in greeting.indices { print("\(greeting[i]) ", terminator: "") }
print()
var welcome = "hello"
welcome.insert("!", at: welcome.endIndex)
welcome.insert(contentsOf: " there", at: welcome.index(before: welcome.endIndex))
print(welcome)
welcome.remove(at: welcome.index(before: welcome.endIndex))
print(welcome)
let hello = "Hello, world!"
let commaIndex = hello.firstIndex(of: ",") ?? hello.endIndex
let beginning = hello[..<commaIndex]
print(String(beginning))
let quotation = "We're a lot alike, you and I."
let sameQuotation = "We're a lot alike, you and I."
print(quotation == sameQuotation, quotation.hasPrefix("We"), quotation.hasSuffix("I."))
let dogString = "Dog‼🐶"
print(dogString.count, dogString.utf8.count, dogString.unicodeScalars.count)
for scalar in dogString.unicodeScalars { print("\(scalar.value) ", terminator: "") }
print()
