func minCoins(_ coins: [Int], _ amount: Int) -> Int? {
    var dp = [Int](repeating: Int.max, count: amount + 1)
    dp[0] = 0
    if amount > 0 {
        for a in 1...amount {
            for c in coins where c <= a && dp[a - c] != Int.max {
                dp[a] = min(dp[a], dp[a - c] + 1)
            }
        }
    }
    return dp[amount] == Int.max ? nil : dp[amount]
}
func ways(_ coins: [Int], _ amount: Int) -> Int {
    var dp = [Int](repeating: 0, count: amount + 1)
    dp[0] = 1
    for c in coins where c <= amount {
        for a in c...amount { dp[a] += dp[a - c] }
    }
    return dp[amount]
}
func lcs(_ a: String, _ b: String) -> String {
    let x = Array(a), y = Array(b)
    var t = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
    for i in 1...x.count { for j in 1...y.count {
        t[i][j] = x[i - 1] == y[j - 1] ? t[i - 1][j - 1] + 1 : max(t[i - 1][j], t[i][j - 1])
    } }
    var out: [Character] = []
    var i = x.count, j = y.count
    while i > 0 && j > 0 {
        if x[i - 1] == y[j - 1] { out.append(x[i - 1]); i -= 1; j -= 1 }
        else if t[i - 1][j] >= t[i][j - 1] { i -= 1 } else { j -= 1 }
    }
    return String(out.reversed())
}
print(minCoins([1, 5, 10, 25], 63) as Any, minCoins([2], 3) as Any, minCoins([3, 7], 0) as Any)
print(ways([1, 2, 5], 11), ways([2, 5, 3, 6], 10))
print(lcs("ABCBDAB", "BDCABA"), lcs("stride", "strident"))
