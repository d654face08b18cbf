struct User {
    let name: String
    let email: String?
    let manager: String?
}

let users = [
    User(name: "ann", email: "ann@example.com", manager: nil),
    User(name: "bob", email: nil, manager: "ann"),
    User(name: "cy", email: "cy@example.com", manager: "bob"),
]
let directory = Dictionary(uniqueKeysWithValues: users.map { ($0.name, $0) })

func managerEmail(of name: String) -> String? {
    guard let user = directory[name], let m = user.manager, let boss = directory[m] else { return nil }
    return boss.email
}
for u in users {
    print(u.name, managerEmail(of: u.name) ?? "none", u.email?.count ?? 0)
}
let emails = users.compactMap(\.email)
print(emails)
let domains = emails.compactMap { $0.split(separator: "@").last.map(String.init) }
print(Set(domains).count)
let firstWithoutEmail = users.first { $0.email == nil }?.name
print(firstWithoutEmail ?? "everyone has one")
var lookups: [String?] = ["ann", nil, "zed"]
lookups.append(directory["cy"]?.name)
for case let n? in lookups { print("lookup", n, directory[n] != nil) }
if let a = directory["ann"], let e = a.email, e.hasSuffix(".com") { print("ann is .com") }
let chained = directory["cy"]?.manager.flatMap { directory[$0] }?.manager
print(chained as Any)
let value: Int? = Int("42")
switch value {
case .some(let v) where v > 40: print("big", v)
case .some(let v): print("small", v)
case .none: print("none")
}
