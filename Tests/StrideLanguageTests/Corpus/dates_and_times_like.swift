struct Time: Comparable, CustomStringConvertible {
    let minutes: Int
    init(hours: Int, minutes: Int) { self.minutes = hours * 60 + minutes }
    init(totalMinutes: Int) { minutes = ((totalMinutes % 1440) + 1440) % 1440 }
    var hours: Int { minutes / 60 }
    var description: String {
        let h = hours, m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
    static func < (a: Time, b: Time) -> Bool { a.minutes < b.minutes }
    static func + (t: Time, mins: Int) -> Time { Time(totalMinutes: t.minutes + mins) }
    static func - (a: Time, b: Time) -> Int { a.minutes - b.minutes }
}

let meetings = [Time(hours: 14, minutes: 30), Time(hours: 9, minutes: 5), Time(hours: 23, minutes: 50)]
print(meetings.sorted())
print(meetings.max()!, meetings.min()!)
let late = meetings[2] + 25
print(late, late < meetings[1])
print(meetings[0] - meetings[1], "minutes apart")
let schedule = stride(from: 0, to: 180, by: 45).map { Time(hours: 8, minutes: 0) + $0 }
print(schedule)
print(schedule.contains(Time(hours: 9, minutes: 30)), schedule.firstIndex(of: Time(hours: 10, minutes: 15)) ?? -1)
