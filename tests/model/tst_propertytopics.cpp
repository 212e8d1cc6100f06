#include "catalog/catalog.h"

#include <QTest>

using namespace bulkhead;

namespace {

/** A catalog file with one common element property whose "group" is `group` (none if empty). */
std::string catalogWithGroup(const std::string &group)
{
    const std::string field = group.empty() ? std::string() : "\"group\": \"" + group + "\", ";
    return R"({"format": "bulkhead-catalog", "formatVersion": 1, "id": "extra",
  "commonElementProperties": [
    {"name": "owner", )"
           + field + R"("type": "string", "default": "", "description": "Who runs it.",
     "defaultNote": "Nobody yet", "descriptive": true}
  ]
})";
}

} // namespace

/** The topic a catalog gives each property ("group"), which the property editor files it by. */
class TestPropertyTopics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aGroupIsReadAsTheTopic()
    {
        const auto read = readCatalogText(catalogWithGroup("runtimeSecurity"), "extra.json");
        QVERIFY2(read, read ? "" : read.error().c_str());
        QCOMPARE(read.value().commonElementProperties().size(), std::size_t(1));
        QVERIFY(read.value().commonElementProperties().front().topic
                == PropertyTopic::RuntimeSecurity);
    }

    void withoutAGroupTheTopicIsUnspecified()
    {
        const auto read = readCatalogText(catalogWithGroup(""), "extra.json");
        QVERIFY2(read, read ? "" : read.error().c_str());
        QVERIFY(read.value().commonElementProperties().front().topic
                == PropertyTopic::Unspecified);
    }

    void anUnknownGroupIsAnErrorNamingFileAndPlace()
    {
        const auto read = readCatalogText(catalogWithGroup("security"), "extra.json");
        QVERIFY(!read);
        const QString error = QString::fromStdString(read.error());
        QVERIFY2(error.startsWith(QStringLiteral("extra.json")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("commonElementProperties[0].group")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("\"security\"")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("runtimeSecurity")), qPrintable(error));
    }

    void keysRoundTrip()
    {
        for (const PropertyTopic topic : {PropertyTopic::Identity, PropertyTopic::Image,
                                          PropertyTopic::RuntimeSecurity, PropertyTopic::Network,
                                          PropertyTopic::Data, PropertyTopic::Notes})
            QVERIFY(propertyTopicFromKey(propertyTopicKey(topic)) == topic);
        QVERIFY(!propertyTopicFromKey(""));
        QVERIFY(!propertyTopicFromKey("Identity"));
    }

    void everyBuiltInPropertyHasATopic()
    {
        const Catalog &catalog = builtInCatalog();
        auto check = [](const PropertySpec &spec, const std::string &owner) {
            const std::string where = owner + "." + spec.name;
            QVERIFY2(spec.topic != PropertyTopic::Unspecified, where.c_str());
        };
        for (const PropertySpec &spec : catalog.commonElementProperties())
            check(spec, "element");
        for (const PropertySpec &spec : catalog.commonBoundaryProperties())
            check(spec, "boundary");
        for (const PropertySpec &spec : catalog.flowProperties())
            check(spec, "flow");
        for (const ElementKind &kind : catalog.elementKinds()) {
            for (const PropertySpec *spec : catalog.propertiesOf(kind))
                check(*spec, kind.id);
        }
        QVERIFY(catalog.findKind("container")->properties.front().topic != PropertyTopic::Unspecified);
    }
};

QTEST_APPLESS_MAIN(TestPropertyTopics)
#include "tst_propertytopics.moc"
