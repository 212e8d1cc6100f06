#include "import/editdistance.h"
#include "import/yamlfields.h"

#include <QTest>

using namespace bulkhead;

namespace {

const std::string fileName = "in.yaml";

YamlNode parsed(std::string_view text)
{
    const auto file = parseYaml(text, fileName);
    if (!file || file->documents.empty())
        return {};
    return file->documents.front();
}

/** The message a reader call throws, or "(no failure)". */
template<typename Call>
std::string failureOf(Call call)
{
    try {
        call();
    } catch (const ImportFailure &failure) {
        return failure.message;
    }
    return "(no failure)";
}

} // namespace

class TestYamlFields : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTypedValues();
    void missingAndNullReadAsAbsent();
    void unknownKeyNamesPositionObjectAndSuggestion();
    void farOffKeyGetsNoSuggestion();
    void wrongTypesArePositioned();
    void quotedScalarsAreText();
    void choiceListsTheAllowedValues();
    void nestedPathsNameTheItem();
    void secretValuesNeverReachMessages();
    void editDistanceIgnoresCase();
};

void TestYamlFields::readsTypedValues()
{
    const YamlNode node = parsed("name: web\nreplicas: 3\npaused: yes\ntags: [a, b]\n"
                                 "labels: {app: shop}\n");
    const FieldContext context{&fileName, {}};
    const YamlFields fields =
        YamlFields::check(context, node, "", {"name", "replicas", "paused", "tags", "labels"});
    QCOMPARE(fields.text("name").value_or(""), std::string("web"));
    QCOMPARE(fields.integer("replicas", 0, 10).value_or(-1), std::int64_t(3));
    QCOMPARE(fields.boolean("paused"), std::optional<bool>(true));
    QCOMPARE(fields.texts("tags"), (std::vector<std::string>{"a", "b"}));
    QCOMPARE(fields.textMap("labels").at("app"), std::string("shop"));
    QCOMPARE(fields.keysOf("labels"), std::vector<std::string>{"app"});
}

void TestYamlFields::missingAndNullReadAsAbsent()
{
    const YamlNode node = parsed("name: ~\n");
    const FieldContext context{&fileName, {}};
    const YamlFields fields = YamlFields::check(context, node, "spec", {"name", "other"});
    QVERIFY(!fields.has("name"));
    QVERIFY(!fields.text("other"));
    QCOMPARE(fields.text("name", "fallback"), std::string("fallback"));
    QVERIFY(!fields.object("other", {}).present());
    QCOMPARE(fields.object("other", {}).path(), std::string("spec.other"));
}

void TestYamlFields::unknownKeyNamesPositionObjectAndSuggestion()
{
    const YamlNode node = parsed("spec:\n  replicas: 1\n  replcas: 2\n");
    const FieldContext context{&fileName, "Deployment shop/web"};
    const YamlFields top = YamlFields::check(context, node, "", {"spec"});
    QCOMPARE(failureOf([&] { top.object("spec", {"replicas", "selector"}); }),
             std::string("in.yaml:3:3: Deployment shop/web: spec: unknown field \"replcas\" "
                         "(did you mean \"replicas\"?)"));
}

void TestYamlFields::farOffKeyGetsNoSuggestion()
{
    const YamlNode node = parsed("colour: red\n");
    const FieldContext context{&fileName, {}};
    QCOMPARE(failureOf([&] { YamlFields::check(context, node, "", {"name", "image"}); }),
             std::string("in.yaml:1:1: unknown field \"colour\""));
    QCOMPARE(didYouMean("imgae", {"name", "image"}), std::string(" (did you mean \"image\"?)"));
    QCOMPARE(didYouMean("volumes", {"name", "image"}), std::string());
}

void TestYamlFields::wrongTypesArePositioned()
{
    const YamlNode node = parsed("replicas: three\nname: [a]\nports: 80\nlimit: 70000\n");
    const FieldContext context{&fileName, {}};
    const YamlFields fields =
        YamlFields::check(context, node, "spec", {"replicas", "name", "ports", "limit"});
    QCOMPARE(failureOf([&] { fields.integer("replicas", 0, 10); }),
             std::string("in.yaml:1:11: spec.replicas: expected a whole number, found \"three\""));
    QCOMPARE(failureOf([&] { fields.text("name"); }),
             std::string("in.yaml:2:7: spec.name: expected text, found a list"));
    QCOMPARE(failureOf([&] { fields.items("ports"); }),
             std::string("in.yaml:3:8: spec.ports: expected a list, found text"));
    QCOMPARE(failureOf([&] { fields.integer("limit", 1, 65535); }),
             std::string("in.yaml:4:8: spec.limit: expected a number from 1 to 65535, "
                         "found 70000"));
    QCOMPARE(failureOf([&] { YamlFields::check(context, *node.find("ports"), "spec.ports", {}); }),
             std::string("in.yaml:3:8: spec.ports: expected a mapping, found text"));
}

void TestYamlFields::quotedScalarsAreText()
{
    const YamlNode node = parsed("paused: \"true\"\nreplicas: '3'\n");
    const FieldContext context{&fileName, {}};
    const YamlFields fields = YamlFields::check(context, node, "", {"paused", "replicas"});
    QCOMPARE(failureOf([&] { fields.boolean("paused"); }),
             std::string("in.yaml:1:9: paused: expected true or false, found \"true\" "
                         "(quoted, so text)"));
    QCOMPARE(failureOf([&] { fields.integer("replicas", 0, 10); }),
             std::string("in.yaml:2:11: replicas: expected a whole number, found \"3\" "
                         "(quoted, so text)"));
}

void TestYamlFields::choiceListsTheAllowedValues()
{
    const YamlNode node = parsed("policy: Sometimes\n");
    const FieldContext context{&fileName, {}};
    const YamlFields fields = YamlFields::check(context, node, "", {"policy"});
    QCOMPARE(failureOf([&] { fields.choice("policy", {"Always", "OnFailure", "Never"}); }),
             std::string("in.yaml:1:9: policy: expected Always, OnFailure or Never, "
                         "found \"Sometimes\""));
    QCOMPARE(failureOf([&] { (void)fields.choice("policy", {"Sometimes"}); }),
             std::string("(no failure)"));
}

void TestYamlFields::nestedPathsNameTheItem()
{
    const YamlNode node = parsed("containers:\n  - name: a\n  - nme: b\n");
    const FieldContext context{&fileName, {}};
    const YamlFields fields = YamlFields::check(context, node, "spec", {"containers"});
    QCOMPARE(failureOf([&] { fields.objects("containers", {"name"}); }),
             std::string("in.yaml:3:5: spec.containers[1]: unknown field \"nme\" "
                         "(did you mean \"name\"?)"));
}

void TestYamlFields::secretValuesNeverReachMessages()
{
    const YamlNode node = parsed("data:\n  password:\n    nested: hunter2\n");
    const FieldContext context{&fileName, {}};
    const YamlFields fields = YamlFields::check(context, node, "", {"data"});
    const std::string message = failureOf([&] { fields.keysOf("data"); });
    QCOMPARE(message, std::string("in.yaml:3:5: data.password: expected text, found a mapping"));
    QVERIFY(message.find("hunter2") == std::string::npos);
}

void TestYamlFields::editDistanceIgnoresCase()
{
    QCOMPARE(editDistance("Name", "name"), std::size_t(0));
    QCOMPARE(editDistance("kitten", "sitting"), std::size_t(3));
    QCOMPARE(editDistance("", "abc"), std::size_t(3));
    QCOMPARE(parseInteger("+42"), std::optional<std::int64_t>(42));
    QVERIFY(!parseInteger("4x"));
    QVERIFY(!parseInteger(""));
    QCOMPARE(parseBool("Off"), std::optional<bool>(false));
    QVERIFY(!parseBool("oFF"));
}

QTEST_GUILESS_MAIN(TestYamlFields)
#include "tst_yamlfields.moc"
