// Dictionaries are values too.
var scores = ["ann": 3]
var copy = scores
copy["ann"] = 10
copy["bob"] = 7
print(scores)
print(scores["ann"] ?? 0, copy["ann"] ?? 0, copy["bob"] ?? 0)
print(scores.count, copy.count)

var lists: [String: [Int]] = ["xs": [1]]
var other = lists
other["xs"]?.append(2)
print(lists)
print(other)
