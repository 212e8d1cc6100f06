// jsonfields::readObjectArray, the one reading of "an optional array of objects with known keys"
// that model files (a flow's points) and catalogs (a threat's references) share.

#include "io/jsonfields.h"

#include <QTest>

#include <utility>
#include <vector>

using namespace bulkhead;
using namespace bulkhead::jsonfields;
using nlohmann::json;

namespace {

using Items = std::vector<std::pair<std::string, json>>;

/** The items read, with their pointers; or the FormatError's pointer and message. */
std::pair<Items, std::string> readPoints(const json &object)
{
    Items items;
    try {
        readObjectArray(object, "points", "/flows/0", {"x", "y"},
                        [&](const json &item, const std::string &at) { items.emplace_back(at, item); });
    } catch (const FormatError &error) {
        return {items, error.pointer + ": " + error.message};
    }
    return {items, std::string()};
}

} // namespace

class TestJsonArrays : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void absentKeyReadsNothing()
    {
        const auto [items, error] = readPoints(json::parse(R"({"name": "x"})"));
        QVERIFY(items.empty());
        QCOMPARE(error, std::string());
    }

    void itemsComeInOrderWithTheirPointers()
    {
        const auto [items, error] = readPoints(json::parse(R"({"points": [{"x": 1, "y": 2}, {"x": 3}]})"));
        QCOMPARE(error, std::string());
        QCOMPARE(items.size(), std::size_t(2));
        QCOMPARE(items[0].first, std::string("/flows/0/points/0"));
        QCOMPARE(items[0].second.at("y").get<int>(), 2);
        QCOMPARE(items[1].first, std::string("/flows/0/points/1"));
        QCOMPARE(items[1].second.at("x").get<int>(), 3);
    }

    void notAnArrayIsRefusedAtTheKey()
    {
        const auto [items, error] = readPoints(json::parse(R"({"points": {"x": 1}})"));
        QVERIFY(items.empty());
        QVERIFY2(error.starts_with("/flows/0/points: "), error.c_str());
        QVERIFY2(error.find("an array") != std::string::npos, error.c_str());
    }

    void anItemThatIsNotAnObjectIsRefusedAfterThoseBeforeIt()
    {
        const auto [items, error] = readPoints(json::parse(R"({"points": [{"x": 1, "y": 2}, 7]})"));
        QCOMPARE(items.size(), std::size_t(1));
        QVERIFY2(error.starts_with("/flows/0/points/1: "), error.c_str());
        QVERIFY2(error.find("an object") != std::string::npos, error.c_str());
    }

    void anUnknownKeyIsRefusedWhereItIs()
    {
        const auto [items, error] = readPoints(json::parse(R"({"points": [{"x": 1, "z": 2}]})"));
        QVERIFY(items.empty());
        QVERIFY2(error.starts_with("/flows/0/points/0/z: unknown key"), error.c_str());
    }
};

QTEST_GUILESS_MAIN(TestJsonArrays)
#include "tst_jsonarrays.moc"
