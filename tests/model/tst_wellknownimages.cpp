// The catalog's table of well-known images: loading and its errors, extension by user catalogs,
// lookups, version ranges, and the insecure defaults the importers draw from it.

#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "catalog/cataloglint.h"
#include "import/composeimporter.h"
#include "import/importsupport.h"
#include "import/kubernetesimporter.h"
#include "import/portprotocol.h"
#include "import/wellknownimages.h"
#include "io/modelwriter.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <fstream>
#include <set>

using namespace bulkhead;

namespace {

const ImageTable &table()
{
    return builtInCatalog().images();
}

std::string write(const QTemporaryDir &dir, const char *name, const std::string &text)
{
    const std::string path = dir.filePath(QLatin1String(name)).toStdString();
    std::ofstream(path) << text;
    return path;
}

/** A catalog file with only an images section. */
std::string imagesCatalog(const std::string &images)
{
    return R"({"format": "bulkhead-catalog", "formatVersion": 1, "id": "extra", "images": )"
           + images + "}";
}

std::string lookupId(const char *image)
{
    const auto match = findWellKnownImage(table(), image);
    return match ? match->image->id : "(none)";
}

/** The facts the table draws for an image with an environment and a command. */
std::vector<ImageFact> factsFor(const char *image, std::map<std::string, std::string> environment = {},
                                std::vector<std::string> arguments = {})
{
    const auto match = findWellKnownImage(table(), image);
    if (!match)
        qFatal("%s is not in the table", image);
    ServiceConfiguration service;
    service.image = image;
    for (const auto &[name, value] : environment)
        service.environment.push_back({name, value});
    service.arguments = std::move(arguments);
    return insecureDefaultFacts(*match->image, service, image);
}

/** The property values the facts set, "name=value", in order. */
std::set<std::string> setsOf(const std::vector<ImageFact> &facts)
{
    std::set<std::string> sets;
    for (const ImageFact &fact : facts)
        for (const auto &[name, value] : fact.sets)
            sets.insert(name + "=" + value);
    return sets;
}

std::string text(const PropertyMap &properties, const std::string &name)
{
    const auto it = properties.find(name);
    return it != properties.end() && std::holds_alternative<std::string>(it->second) ? std::get<std::string>(it->second)
                                                                                      : "<unset>";
}

const ImportFinding *reportLine(const ImportReport &report, const std::string &piece)
{
    const auto it = std::find_if(report.mapped.begin(), report.mapped.end(),
                                 [&](const ImportFinding &line) { return line.text.find(piece) != std::string::npos; });
    return it == report.mapped.end() ? nullptr : &*it;
}

const Threat *findThreat(const AnalysisResult &result, const std::string &id)
{
    const auto it = std::find_if(result.threats.begin(), result.threats.end(), [&](const Threat &t) { return t.id() == id; });
    return it == result.threats.end() ? nullptr : &*it;
}

} // namespace

class TestWellKnownImages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInTableCoversEveryRole()
    {
        QVERIFY(table().entries().size() >= 40);
        std::set<std::string> kinds;
        for (const WellKnownImage &image : table().entries())
            kinds.insert(image.kind);
        for (const char *kind : {"database", "cache", "message-queue", "log-store", "ingress", "registry",
                                 "secrets-store", "process", "data-store"})
            QVERIFY2(kinds.count(kind), kind);
    }

    void readErrorsNameFileAndPlace_data()
    {
        QTest::addColumn<QString>("images");
        QTest::addColumn<QString>("message");
        QTest::newRow("no repositories") << QStringLiteral(R"([{"id": "x", "repositories": [], "kind": "cache"}])")
                                         << QStringLiteral("images[0].repositories: an image needs at least one repository");
        QTest::newRow("tag in a repository")
            << QStringLiteral(R"([{"id": "x", "repositories": ["redis:7"], "kind": "cache"}])")
            << QStringLiteral("images[0].repositories[0]: a repository is a name without tag or digest");
        QTest::newRow("unknown publisher")
            << QStringLiteral(R"([{"id": "x", "repositories": [{"name": "redis", "publisher": "trusted"}], "kind": "cache"}])")
            << QStringLiteral("images[0].repositories[0].publisher: unknown publisher");
        QTest::newRow("version that is not a number")
            << QStringLiteral(R"([{"id": "x", "repositories": ["x"], "kind": "cache", "insecureDefaults": [)"
                              R"({"id": "d", "versions": {"below": "8.x"}, "sets": {"authRequired": "no"}, "reason": "r"}]}])")
            << QStringLiteral("images[0].insecureDefaults[0].versions.below: a version is dotted numbers");
        QTest::newRow("setting with variable and argument")
            << QStringLiteral(R"([{"id": "x", "repositories": ["x"], "kind": "cache", "insecureDefaults": [)"
                              R"({"id": "d", "sets": {"authRequired": "no"}, "reason": "r", )"
                              R"("disabledBy": [{"environment": "A", "argument": "--b"}]}]}])")
            << QStringLiteral("images[0].insecureDefaults[0].disabledBy[0]: a setting names either");
        QTest::newRow("admin credentials not listed")
            << QStringLiteral(R"([{"id": "x", "repositories": ["x"], "kind": "cache", "insecureDefaults": [)"
                              R"({"id": "d", "sets": {"authRequired": "no"}, "reason": "r", "unlessAdminCredentialsSet": true}]}])")
            << QStringLiteral("the image lists no adminCredentials");
        QTest::newRow("duplicate id")
            << QStringLiteral(R"([{"id": "x", "repositories": ["x"], "kind": "cache"}, {"id": "x", "repositories": ["y"], "kind": "cache"}])")
            << QStringLiteral("images[1].id: duplicate image");
        QTest::newRow("unknown key") << QStringLiteral(R"([{"id": "x", "repositories": ["x"], "kind": "cache", "role": "y"}])")
                                     << QStringLiteral("images[0].role: unknown key \"role\"");
    }

    void readErrorsNameFileAndPlace()
    {
        QFETCH(QString, images);
        QFETCH(QString, message);
        const auto read = readCatalogText(imagesCatalog(images.toStdString()), "extra.json");
        QVERIFY(!read);
        QVERIFY2(read.error().rfind("extra.json:1:", 0) == 0, read.error().c_str());
        QVERIFY2(read.error().find(message.toStdString()) != std::string::npos, read.error().c_str());
    }

    void finalizeChecksEntriesAgainstTheKinds_data()
    {
        QTest::addColumn<QString>("images");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown kind") << QStringLiteral(R"([{"id": "x", "repositories": ["x"], "kind": "kettle"}])")
                                      << QStringLiteral("image x: kind: unknown element kind \"kettle\"");
        QTest::newRow("product the kind does not allow")
            << QStringLiteral(R"([{"id": "x", "repositories": ["x"], "kind": "cache", "product": "oracle"}])")
            << QStringLiteral("image x: product: product");
        QTest::newRow("property the kind does not have")
            << QStringLiteral(R"([{"id": "x", "repositories": ["x"], "kind": "cache", "insecureDefaults": [)"
                              R"({"id": "d", "sets": {"firstRunTakeover": "yes"}, "reason": "r"}]}])")
            << QStringLiteral("image x: insecureDefaults d: kind cache has no property \"firstRunTakeover\"");
        QTest::newRow("unknown flow protocol")
            << QStringLiteral(R"([{"id": "x", "repositories": ["x"], "kind": "cache", "ports": [{"port": 1, "protocol": "gopher"}]}])")
            << QStringLiteral("image x: ports: 1: unknown flow protocol \"gopher\"");
    }

    void finalizeChecksEntriesAgainstTheKinds()
    {
        QFETCH(QString, images);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const std::string path = write(dir, "extra.json", imagesCatalog(images.toStdString()));
        const CatalogLoad load = loadCatalog({path});
        QVERIFY(!load.catalog);
        QCOMPARE(load.errors.size(), std::size_t(1));
        QVERIFY2(load.errors.front().rfind(path + ": image x: ", 0) == 0, load.errors.front().c_str());
        QVERIFY2(load.errors.front().find(message.toStdString()) != std::string::npos, load.errors.front().c_str());
    }

    void lintReportsRepositoriesListedTwice()
    {
        QVERIFY(shadowedImageRepositories(builtInCatalog()).empty());
        QTemporaryDir dir;
        const std::string path = write(dir, "extra.json", imagesCatalog(R"([
            {"id": "my-redis", "repositories": ["docker.io/library/Redis", "acme/cache"], "kind": "cache"}])"));
        const CatalogLoad load = loadCatalog({path});
        QVERIFY(load.catalog);
        const auto problems = shadowedImageRepositories(*load.catalog);
        QCOMPARE(problems.size(), std::size_t(1));
        QCOMPARE(problems.front().line(),
                 path + ": image my-redis: repository docker.io/library/Redis is listed by image redis too, which lookups "
                        "find first");
    }

    void userCatalogsAddAndReplaceEntries()
    {
        QTemporaryDir dir;
        const std::string path = write(dir, "extra.json", imagesCatalog(R"([
            {"id": "redis", "repositories": ["acme/redis-fork"], "kind": "cache", "product": "other"},
            {"id": "acme-queue", "repositories": [{"name": "registry.acme.example/mq/broker", "publisher": "official"}],
             "kind": "message-queue", "product": "other", "ports": [{"port": 7000, "protocol": "amqp"}]}])"));
        const CatalogLoad load = loadCatalog({path});
        QVERIFY2(load.catalog, load.errors.empty() ? "" : load.errors.front().c_str());
        const ImageTable &extended = load.catalog->images();
        QCOMPARE(extended.entries().size(), table().entries().size() + 1);
        // Replaced by id: the fork is redis now, and the official image is no longer listed.
        QCOMPARE(findWellKnownImage(extended, "acme/redis-fork:1")->image->product, std::string("other"));
        QVERIFY(!findWellKnownImage(extended, "docker.io/library/redis:7") || findWellKnownImage(extended, "redis:7")->image->id != "redis");
        const auto added = findWellKnownImage(extended, "registry.acme.example/mq/broker:2.1");
        QVERIFY(added);
        QCOMPARE(added->image->kind, std::string("message-queue"));
        QVERIFY(added->publisher == ImagePublisher::Official);
        // The importers take the user's table.
        const std::string compose = write(dir, "compose.yml", "services:\n  mq:\n    image: registry.acme.example/mq/broker:2.1\n");
        ComposeImportOptions options;
        options.catalog = &*load.catalog;
        const auto imported = importCompose({compose}, {}, options);
        QVERIFY2(imported, imported ? "" : imported.error().c_str());
        QCOMPARE(imported->model.findElement("mq")->kind, std::string("message-queue"));
        QCOMPARE(importCompose({compose}, {})->model.findElement("mq")->kind, std::string("container"));
    }

    void lookupsIgnoreRegistryPrefixesTagsAndDigests_data()
    {
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("vouched");
        QTest::newRow("official name") << QStringLiteral("redis:7") << QStringLiteral("redis") << true;
        QTest::newRow("docker.io/library") << QStringLiteral("docker.io/library/redis:7.2-alpine") << QStringLiteral("redis")
                                           << true;
        QTest::newRow("digest only") << QStringLiteral("postgres@sha256:0123abcd") << QStringLiteral("postgres") << true;
        QTest::newRow("tag and digest") << QStringLiteral("elasticsearch:7.17.9@sha256:0123abcd")
                                        << QStringLiteral("elasticsearch") << true;
        QTest::newRow("vendor registry") << QStringLiteral("docker.elastic.co/elasticsearch/elasticsearch:8.11.1")
                                         << QStringLiteral("elasticsearch") << true;
        QTest::newRow("verified publisher") << QStringLiteral("bitnami/redis:7.2") << QStringLiteral("bitnami-redis") << true;
        QTest::newRow("quay.io") << QStringLiteral("quay.io/keycloak/keycloak:24.0") << QStringLiteral("keycloak") << true;
        QTest::newRow("unverified namespace") << QStringLiteral("prom/prometheus:v2.51.0") << QStringLiteral("prometheus")
                                              << false;
        QTest::newRow("mirror of an official name") << QStringLiteral("mirror.example.com/team/postgres:16")
                                                    << QStringLiteral("postgres") << false;
        QTest::newRow("generic last part") << QStringLiteral("acme/controller:1") << QStringLiteral("(none)") << false;
        QTest::newRow("unknown") << QStringLiteral("acme/api:1") << QStringLiteral("(none)") << false;
    }

    void lookupsIgnoreRegistryPrefixesTagsAndDigests()
    {
        QFETCH(QString, image);
        QFETCH(QString, id);
        QFETCH(bool, vouched);
        const std::string ref = image.toStdString();
        QCOMPARE(QString::fromStdString(lookupId(ref.c_str())), id);
        if (const auto match = findWellKnownImage(table(), ref))
            QCOMPARE(match->publisher != ImagePublisher::Unverified, vouched);
        const auto role = wellKnownImage(ref, table());
        QCOMPARE(role.has_value(), id != QLatin1String("(none)"));
    }

    void versionRanges_data()
    {
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("below");
        QTest::addColumn<int>("expected");
        const int yes = int(InRange::Yes), no = int(InRange::No), unknown = int(InRange::Unknown);
        QTest::newRow("patch release below") << QStringLiteral("7.17.9") << QStringLiteral("") << QStringLiteral("8.0") << yes;
        QTest::newRow("major below") << QStringLiteral("7") << QStringLiteral("") << QStringLiteral("8.0") << yes;
        QTest::newRow("major at the bound") << QStringLiteral("8") << QStringLiteral("") << QStringLiteral("8.0") << no;
        QTest::newRow("exact bound") << QStringLiteral("8.0.0") << QStringLiteral("") << QStringLiteral("8.0") << no;
        QTest::newRow("major straddles a minor bound") << QStringLiteral("8") << QStringLiteral("") << QStringLiteral("8.1") << unknown;
        QTest::newRow("suffix") << QStringLiteral("16-alpine") << QStringLiteral("9.0") << QStringLiteral("") << yes;
        QTest::newRow("v prefix") << QStringLiteral("v2.10.4") << QStringLiteral("") << QStringLiteral("2.12") << yes;
        QTest::newRow("vendor suffix") << QStringLiteral("8.11.1-debian-12-r0") << QStringLiteral("") << QStringLiteral("8.0") << no;
        QTest::newRow("latest") << QStringLiteral("latest") << QStringLiteral("") << QStringLiteral("8.0") << unknown;
        QTest::newRow("alpine") << QStringLiteral("alpine") << QStringLiteral("") << QStringLiteral("8.0") << unknown;
        QTest::newRow("no tag") << QStringLiteral("") << QStringLiteral("") << QStringLiteral("8.0") << unknown;
        QTest::newRow("inside both bounds") << QStringLiteral("2.5") << QStringLiteral("2.0") << QStringLiteral("3.0") << yes;
        QTest::newRow("below from") << QStringLiteral("1.9") << QStringLiteral("2.0") << QStringLiteral("3.0") << no;
    }

    void versionRanges()
    {
        QFETCH(QString, tag);
        QFETCH(QString, from);
        QFETCH(QString, below);
        QFETCH(int, expected);
        QCOMPARE(int(tagInRange(tag.toStdString(), VersionRange{from.toStdString(), below.toStdString()})), expected);
    }

    void imageTagsComeFromTheReference()
    {
        QCOMPARE(imageTag("elasticsearch:7.17.9@sha256:ab"), std::string("7.17.9"));
        QCOMPARE(imageTag("registry.example.com:5000/redis"), std::string());
        QCOMPARE(imageTag("registry.example.com:5000/redis:7"), std::string("7"));
        QCOMPARE(imageTag("postgres@sha256:ab"), std::string());
    }

    void insecureDefaults_data()
    {
        QTest::addColumn<QString>("image");
        QTest::addColumn<QStringList>("environment"); // NAME=VALUE
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("sets"); // "" when nothing holds
        QTest::newRow("Elasticsearch 7 without security") << QStringLiteral("elasticsearch:7.17.9") << QStringList{} << QStringList{}
                                                          << QStringLiteral("authRequired=no");
        QTest::newRow("Elasticsearch 7 with security on") << QStringLiteral("elasticsearch:7.17.9")
                                                          << QStringList{QStringLiteral("xpack.security.enabled=true")} << QStringList{}
                                                          << QStringLiteral("");
        QTest::newRow("Elasticsearch 7 with security on as a flag")
            << QStringLiteral("elasticsearch:7.17.9") << QStringList{} << QStringList{QStringLiteral("-Expack.security.enabled=true")} << QStringLiteral("");
        QTest::newRow("Elasticsearch 8") << QStringLiteral("elasticsearch:8.11.1") << QStringList{} << QStringList{} << QStringLiteral("");
        QTest::newRow("Elasticsearch 8 with security off") << QStringLiteral("elasticsearch:8.11.1")
                                                           << QStringList{QStringLiteral("xpack.security.enabled=false")}
                                                           << QStringList{} << QStringLiteral("authRequired=no");
        QTest::newRow("Redis") << QStringLiteral("redis:7") << QStringList{} << QStringList{QStringLiteral("redis-server"), QStringLiteral("--appendonly"), QStringLiteral("yes")}
                               << QStringLiteral("authRequired=no");
        QTest::newRow("Redis with requirepass") << QStringLiteral("redis:7") << QStringList{}
                                                << QStringList{QStringLiteral("redis-server"), QStringLiteral("--requirepass"), QStringLiteral("x")} << QStringLiteral("");
        QTest::newRow("Memcached") << QStringLiteral("memcached:1.6") << QStringList{} << QStringList{} << QStringLiteral("authRequired=no");
        QTest::newRow("Memcached with SASL") << QStringLiteral("memcached:1.6") << QStringList{} << QStringList{QStringLiteral("-S")} << QStringLiteral("");
        QTest::newRow("MongoDB") << QStringLiteral("mongo:7") << QStringList{} << QStringList{} << QStringLiteral("authRequired=no");
        QTest::newRow("MongoDB with a root user") << QStringLiteral("mongo:7") << QStringList{QStringLiteral("MONGO_INITDB_ROOT_PASSWORD=x")}
                                                  << QStringList{} << QStringLiteral("");
        QTest::newRow("WordPress") << QStringLiteral("wordpress:6.5") << QStringList{QStringLiteral("WORDPRESS_DB_HOST=db")} << QStringList{}
                                   << QStringLiteral("firstRunTakeover=yes");
        QTest::newRow("Nextcloud") << QStringLiteral("nextcloud:29") << QStringList{} << QStringList{} << QStringLiteral("firstRunTakeover=yes");
        QTest::newRow("Nextcloud installed at start") << QStringLiteral("nextcloud:29") << QStringList{QStringLiteral("NEXTCLOUD_ADMIN_PASSWORD=x")}
                                                      << QStringList{} << QStringLiteral("");
        QTest::newRow("Gitea") << QStringLiteral("gitea/gitea:1.21") << QStringList{} << QStringList{} << QStringLiteral("firstRunTakeover=yes");
        QTest::newRow("Gitea locked") << QStringLiteral("gitea/gitea:1.21") << QStringList{QStringLiteral("GITEA__security__INSTALL_LOCK=TRUE")}
                                      << QStringList{} << QStringLiteral("");
        QTest::newRow("Portainer") << QStringLiteral("portainer/portainer-ce:2.19") << QStringList{} << QStringList{}
                                   << QStringLiteral("firstRunTakeover=yes");
        QTest::newRow("Portainer with a password file")
            << QStringLiteral("portainer/portainer-ce:2.19") << QStringList{} << QStringList{QStringLiteral("--admin-password-file=/run/secrets/p")} << QStringLiteral("");
        QTest::newRow("Grafana") << QStringLiteral("grafana/grafana:10.4.2") << QStringList{} << QStringList{} << QStringLiteral("defaultCredentials=yes");
        QTest::newRow("Grafana with an admin password")
            << QStringLiteral("grafana/grafana:10.4.2") << QStringList{QStringLiteral("GF_SECURITY_ADMIN_PASSWORD=x")} << QStringList{} << QStringLiteral("");
        QTest::newRow("Prometheus") << QStringLiteral("prom/prometheus:v2.51.0") << QStringList{} << QStringList{} << QStringLiteral("authRequired=no");
        QTest::newRow("Prometheus with a web config")
            << QStringLiteral("prom/prometheus:v2.51.0") << QStringList{} << QStringList{QStringLiteral("--web.config.file=/etc/web.yml")} << QStringLiteral("");
        QTest::newRow("Jenkins with the wizard skipped")
            << QStringLiteral("jenkins/jenkins:lts") << QStringList{QStringLiteral("JAVA_OPTS=-Djenkins.install.runSetupWizard=false")} << QStringList{}
            << QStringLiteral("authRequired=no");
        QTest::newRow("Jenkins") << QStringLiteral("jenkins/jenkins:lts") << QStringList{} << QStringList{} << QStringLiteral("");
        QTest::newRow("Postgres") << QStringLiteral("postgres:16") << QStringList{QStringLiteral("POSTGRES_DB=app")} << QStringList{} << QStringLiteral("");
        QTest::newRow("Postgres trusting everyone") << QStringLiteral("postgres:16") << QStringList{QStringLiteral("POSTGRES_HOST_AUTH_METHOD=trust")}
                                                    << QStringList{} << QStringLiteral("authRequired=no");
        QTest::newRow("Mosquitto 1.6") << QStringLiteral("eclipse-mosquitto:1.6") << QStringList{} << QStringList{} << QStringLiteral("authRequired=no");
        QTest::newRow("Mosquitto 2") << QStringLiteral("eclipse-mosquitto:2.0.18") << QStringList{} << QStringList{} << QStringLiteral("");
    }

    void insecureDefaults()
    {
        QFETCH(QString, image);
        QFETCH(QStringList, environment);
        QFETCH(QStringList, arguments);
        QFETCH(QString, sets);
        std::map<std::string, std::string> variables;
        for (const QString &entry : environment)
            variables[entry.section(QLatin1Char('='), 0, 0).toStdString()] = entry.section(QLatin1Char('='), 1).toStdString();
        std::vector<std::string> words;
        for (const QString &word : arguments)
            words.push_back(word.toStdString());
        const std::string ref = image.toStdString();
        const auto facts = factsFor(ref.c_str(), variables, words);
        const std::set<std::string> expected = sets.isEmpty() ? std::set<std::string>{} : std::set<std::string>{sets.toStdString()};
        QCOMPARE(setsOf(facts), expected);
        for (const ImageFact &fact : facts)
            QVERIFY2(fact.text.rfind(ref + ": ", 0) == 0, fact.text.c_str());
    }

    void unknownVersionsAreNotGuessedOld()
    {
        for (const char *image : {"elasticsearch:latest", "elasticsearch", "docker.elastic.co/elasticsearch/elasticsearch:8"}) {
            const auto facts = factsFor(image);
            QVERIFY2(setsOf(facts).empty(), image);
        }
        const auto latest = factsFor("elasticsearch:latest");
        QCOMPARE(latest.size(), std::size_t(1));
        QVERIFY2(latest.front().text.find("the version is unknown (tag latest)") != std::string::npos, latest.front().text.c_str());
        // A major version that lies wholly in the range is known.
        QCOMPARE(setsOf(factsFor("elasticsearch:7")), std::set<std::string>{"authRequired=no"});
    }

    void secureSettingsAnswerTheQuestion()
    {
        auto secureFacts = [](const char *image, std::map<std::string, std::string> environment,
                              std::vector<std::string> arguments) {
            ServiceConfiguration service;
            service.image = image;
            for (auto &[name, value] : environment)
                service.environment.push_back({name, value});
            service.arguments = std::move(arguments);
            return imageDefaultFacts(*findWellKnownImage(table(), image)->image, service, image);
        };
        const std::set<std::string> secured{"authRequired=yes", "defaultCredentials=no"};
        // Inside an sh -c command too, and the value of the argument is never in the text.
        const auto redis = secureFacts("redis:7", {},
                                       {"sh", "-c", "exec redis-server --requirepass SENTINEL-PW --save ''"});
        QCOMPARE(setsOf(redis), secured);
        QVERIFY(redis.front().text.find("SENTINEL") == std::string::npos);
        QCOMPARE(setsOf(secureFacts("redis:7", {}, {"--aclfile", "/acl/users.acl"})), secured);
        QCOMPARE(setsOf(secureFacts("redis:7", {}, {})), std::set<std::string>{"authRequired=no"});
        QCOMPARE(setsOf(secureFacts("elasticsearch:8.11.1", {{"xpack.security.enabled", "true"}}, {})),
                 secured);
        // An insecure default that holds wins on its property.
        QCOMPARE(setsOf(secureFacts("postgres:16", {{"POSTGRES_PASSWORD", "x"}, {"POSTGRES_HOST_AUTH_METHOD", "trust"}}, {})),
                 (std::set<std::string>{"authRequired=no", "defaultCredentials=no"}));
        QCOMPARE(setsOf(secureFacts("postgres:16", {{"POSTGRES_PASSWORD", "x"}}, {})), secured);
        // A variable from a Secret counts as set when only its name matters.
        ServiceConfiguration fromSecret;
        fromSecret.image = "postgres:16";
        fromSecret.environmentComplete = false;
        fromSecret.namesWithoutValue.insert("POSTGRES_PASSWORD");
        QCOMPARE(setsOf(imageDefaultFacts(*findWellKnownImage(table(), "postgres:16")->image, fromSecret,
                                          "postgres:16")),
                 secured);
    }

    void variablesFromElsewhereAreCheckedNotAssumed()
    {
        const auto match = findWellKnownImage(table(), "redis:7");
        ServiceConfiguration service;
        service.image = "redis:7";
        service.environmentComplete = false;
        const auto facts = insecureDefaultFacts(*match->image, service, "redis:7");
        QCOMPARE(facts.size(), std::size_t(1));
        QVERIFY(facts.front().sets.empty());
        QVERIFY(facts.front().text.find("check it") != std::string::npos);
    }

    void portProtocolsAskTheImageFirst()
    {
        const WellKnownImage *redis = findWellKnownImage(table(), "redis:7")->image;
        QCOMPARE(portProtocol(6379, "tcp", redis), std::string("redis"));
        QCOMPARE(portProtocol(0, "tcp", redis), std::string("redis")); // its first default port
        QCOMPARE(portProtocol(80, "tcp", redis), std::string("http"));  // not the image's: by number
        QCOMPARE(portProtocol(5432, "tcp"), std::string("postgres"));
        QCOMPARE(portProtocol(53, "udp"), std::string("dns"));
        QCOMPARE(portProtocol(53, "tcp"), std::string("dns"));
        QCOMPARE(portProtocol(12345, "tcp"), std::string("tcp"));
        QCOMPARE(portProtocol(12345, "udp"), std::string("udp"));
    }

    void factsSetOnlyWhatTheKindHas()
    {
        PropertyMap properties;
        const auto facts = factsFor("redis:7");
        const auto lines = applyImageFacts(facts, builtInCatalog(), "ingress", properties);
        QVERIFY(properties.empty());
        QCOMPARE(lines.size(), std::size_t(1));
        QVERIFY2(lines.front().find("not recorded: a ingress has no authRequired") != std::string::npos, lines.front().c_str());
        const auto cacheLines = applyImageFacts(facts, builtInCatalog(), "cache", properties);
        QCOMPARE(text(properties, "authRequired"), std::string("no"));
        QVERIFY(cacheLines.front().find("→ authRequired = no") != std::string::npos);
    }

    // Acceptance: Elasticsearch with security off on a published port gets the insecure-default threat.
    void elasticsearchWithSecurityOffThroughCompose()
    {
        QTemporaryDir dir;
        const std::string path = write(dir, "compose.yml",
                                       "services:\n"
                                       "  search:\n"
                                       "    image: elasticsearch:7.17.9\n"
                                       "    environment:\n"
                                       "      discovery.type: single-node\n"
                                       "    ports:\n"
                                       "      - \"9200:9200\"\n"
                                       "  secured:\n"
                                       "    image: elasticsearch:7.17.9\n"
                                       "    environment:\n"
                                       "      xpack.security.enabled: \"true\"\n"
                                       "    ports:\n"
                                       "      - \"9201:9200\"\n");
        const auto imported = importCompose({path}, {});
        QVERIFY2(imported, imported ? "" : imported.error().c_str());
        const Element *search = imported->model.findElement("search");
        QCOMPARE(search->kind, std::string("database"));
        QCOMPARE(text(search->properties, "authRequired"), std::string("no"));
        // A setting that turns security on answers the question the other way.
        QCOMPARE(text(imported->model.findElement("secured")->properties, "authRequired"), std::string("yes"));
        const ImportFinding *line = reportLine(imported->report, "service search: elasticsearch:7.17.9: security is off by "
                                                                 "default before 8.0 and xpack.security.enabled is not set");
        QVERIFY(line);
        QCOMPARE(line->where, path + ":3");
        QVERIFY(!reportLine(imported->report, "service secured: elasticsearch:7.17.9: security is off"));
        const AnalysisResult result = analyzeModel(imported->model, builtInCatalog());
        const Threat *threat = findThreat(result, "RUN-17@search");
        QVERIFY(threat);
        // The table's fact is certain; only whether the Docker host faces the internet (the port
        // is published on every interface) stays a question.
        QVERIFY(!threat->needsConfirmation || threat->mayBeExposedToInternet);
        const ThreatExplainer explainer(imported->model, builtInCatalog());
        for (const RuleInput &input : explainer.inputs(*threat))
            if (input.property == "authRequired")
                QVERIFY(!input.unknown);
        const Threat *secured = findThreat(result, "RUN-17@secured");
        QVERIFY(!secured || secured->needsConfirmation);
    }

    void anUnreadEnvFileLeavesTheDefaultToCheck()
    {
        QTemporaryDir dir;
        write(dir, "search.env", "discovery.type=single-node\n");
        const std::string path = write(dir, "compose.yml",
                                       "services:\n"
                                       "  unread:\n"
                                       "    image: elasticsearch:7.17.9\n"
                                       "    env_file:\n"
                                       "      - path: missing.env\n"
                                       "        required: false\n"
                                       "  read:\n"
                                       "    image: elasticsearch:7.17.9\n"
                                       "    env_file: search.env\n");
        const auto imported = importCompose({path}, {});
        QVERIFY2(imported, imported ? "" : imported.error().c_str());
        // The file that could not be read may set xpack.security.enabled: asked, not assumed.
        QCOMPARE(text(imported->model.findElement("unread")->properties, "authRequired"), std::string("<unset>"));
        QVERIFY(reportLine(imported->report, "service unread: elasticsearch:7.17.9: security is off by default before "
                                             "8.0 and xpack.security.enabled is not set, unless a variable from an "
                                             "env_file turns it off; check it"));
        QCOMPARE(text(imported->model.findElement("read")->properties, "authRequired"), std::string("no"));
    }

    void firstRunWizardThroughCompose()
    {
        QTemporaryDir dir;
        const std::string path = write(dir, "compose.yml",
                                       "services:\n"
                                       "  blog:\n"
                                       "    image: wordpress:6.5\n"
                                       "    ports:\n"
                                       "      - \"8080:80\"\n"
                                       "  metrics:\n"
                                       "    image: prom/prometheus:v2.51.0\n"
                                       "    command: --config.file=/etc/prometheus/prometheus.yml\n"
                                       "  board:\n"
                                       "    image: grafana/grafana:10.4.2\n"
                                       "  guarded:\n"
                                       "    image: prom/prometheus:v2.51.0\n"
                                       "    command: [\"--web.config.file=/etc/web.yml\"]\n"
                                       "  cloud:\n"
                                       "    image: nextcloud:29\n"
                                       "  sync:\n"
                                       "    image: example/sync:1.0\n"
                                       "    environment:\n"
                                       "      NEXTCLOUD_URL: http://cloud\n"
                                       "  unreached:\n"
                                       "    image: nextcloud:29\n"
                                       "  installed:\n"
                                       "    image: nextcloud:29\n"
                                       "    environment:\n"
                                       "      NEXTCLOUD_ADMIN_USER: admin\n"
                                       "      NEXTCLOUD_ADMIN_PASSWORD: SENTINEL-PASS-4720\n");
        const auto imported = importCompose({path}, {});
        QVERIFY2(imported, imported ? "" : imported.error().c_str());
        // Process roles stay containers; a container records a first-run takeover and, like a
        // process, whether its UI asks for a login.
        const ThreatModel &model = imported->model;
        for (const char *id : {"blog", "metrics", "board", "guarded"})
            QCOMPARE(model.findElement(id)->kind, std::string("container"));
        QCOMPARE(text(model.findElement("blog")->properties, "authRequired"), std::string("<unset>"));
        QCOMPARE(text(model.findElement("metrics")->properties, "authRequired"), std::string("no"));
        QCOMPARE(text(model.findElement("board")->properties, "authRequired"), std::string("yes"));
        QCOMPARE(text(model.findElement("guarded")->properties, "authRequired"), std::string("<unset>"));
        QCOMPARE(text(model.findElement("guarded")->properties, "role"), std::string("managementUI"));
        QVERIFY(reportLine(imported->report, "service blog → container (well-known image wordpress:6.5, a process)"));
        QVERIFY(reportLine(imported->report, "service metrics: prom/prometheus:v2.51.0: Prometheus serves its UI and API "
                                             "without authentication unless --web.config.file sets it → authRequired = no"));
        QVERIFY(!reportLine(imported->report, "service guarded: prom/prometheus:v2.51.0: "));
        QVERIFY(reportLine(imported->report, "service board: grafana/grafana:10.4.2: Grafana starts with admin/admin"));
        const ImportFinding *wizard = reportLine(imported->report, "service blog: wordpress:6.5: WordPress's install wizard");
        QVERIFY(wizard);
        QCOMPARE(wizard->where, path + ":3");
        QVERIFY(wizard->text.find("firstRunTakeover = yes") != std::string::npos);
        QCOMPARE(text(model.findElement("blog")->properties, "firstRunTakeover"), std::string("yes"));
        QCOMPARE(text(model.findElement("cloud")->properties, "firstRunTakeover"), std::string("yes"));
        // The admin variables install it: the table says nothing, so it stays unknown.
        QCOMPARE(text(model.findElement("installed")->properties, "firstRunTakeover"), std::string("<unset>"));
        QVERIFY(!reportLine(imported->report, "service installed: nextcloud"));
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        QVERIFY(findThreat(result, "IAM-17@blog"));
        QVERIFY(findThreat(result, "IAM-17@cloud")); // sync calls it
        // The wizard is open, but nothing can connect to it: no port, no route, no caller.
        QCOMPARE(text(model.findElement("unreached")->properties, "firstRunTakeover"), std::string("yes"));
        QVERIFY(!findThreat(result, "IAM-17@unreached"));
        QVERIFY(!findThreat(result, "IAM-17@installed"));
        QVERIFY(!findThreat(result, "IAM-17@board"));
        QVERIFY((formatImportReport(imported->report) + writeModelText(model)).find("SENTINEL") == std::string::npos);
    }

    void firstRunWizardThroughKubernetes()
    {
        QTemporaryDir dir;
        const std::string path = write(dir, "cloud.yaml",
                                       "apiVersion: apps/v1\n"
                                       "kind: Deployment\n"
                                       "metadata:\n"
                                       "  name: cloud\n"
                                       "spec:\n"
                                       "  selector:\n"
                                       "    matchLabels: {app: cloud}\n"
                                       "  template:\n"
                                       "    metadata:\n"
                                       "      labels: {app: cloud}\n"
                                       "    spec:\n"
                                       "      containers:\n"
                                       "        - name: fresh\n"
                                       "          image: nextcloud:29\n"
                                       "          ports:\n"
                                       "            - containerPort: 80\n"
                                       "        - name: installed\n"
                                       "          image: nextcloud:29\n"
                                       "          env:\n"
                                       "            - name: NEXTCLOUD_ADMIN_PASSWORD\n"
                                       "              value: SENTINEL-PASS-4721\n"
                                       "---\n"
                                       "apiVersion: v1\n"
                                       "kind: Service\n"
                                       "metadata:\n"
                                       "  name: cloud\n"
                                       "spec:\n"
                                       "  selector: {app: cloud}\n"
                                       "  ports:\n"
                                       "    - port: 80\n"
                                       "---\n"
                                       "apiVersion: apps/v1\n"
                                       "kind: Deployment\n"
                                       "metadata:\n"
                                       "  name: sync\n"
                                       "spec:\n"
                                       "  selector:\n"
                                       "    matchLabels: {app: sync}\n"
                                       "  template:\n"
                                       "    metadata:\n"
                                       "      labels: {app: sync}\n"
                                       "    spec:\n"
                                       "      containers:\n"
                                       "        - name: sync\n"
                                       "          image: example/sync:1.0\n"
                                       "          env:\n"
                                       "            - name: NEXTCLOUD_URL\n"
                                       "              value: http://cloud\n"
                                       "---\n"
                                       "apiVersion: apps/v1\n"
                                       "kind: Deployment\n"
                                       "metadata:\n"
                                       "  name: spare\n"
                                       "spec:\n"
                                       "  selector:\n"
                                       "    matchLabels: {app: spare}\n"
                                       "  template:\n"
                                       "    metadata:\n"
                                       "      labels: {app: spare}\n"
                                       "    spec:\n"
                                       "      containers:\n"
                                       "        - name: unreached\n"
                                       "          image: nextcloud:29\n");
        const auto imported = importKubernetes({path});
        QVERIFY2(imported, imported ? "" : imported.error().c_str());
        const ImportFinding *line = reportLine(imported->report, "container fresh: nextcloud:29: Nextcloud's install wizard");
        QVERIFY(line);
        QCOMPARE(line->where, path + ":13");
        QVERIFY(line->text.find("firstRunTakeover = yes") != std::string::npos);
        QVERIFY(!reportLine(imported->report, "container installed: nextcloud"));
        const auto named = [&](const std::string &part) {
            return std::find_if(imported->model.elements().begin(), imported->model.elements().end(),
                                [&](const Element &e) { return e.name.find(part) != std::string::npos; });
        };
        QVERIFY(named("fresh") != imported->model.elements().end());
        QVERIFY(named("installed") != imported->model.elements().end());
        QCOMPARE(named("fresh")->kind, std::string("container"));
        QCOMPARE(text(named("fresh")->properties, "firstRunTakeover"), std::string("yes"));
        QCOMPARE(text(named("installed")->properties, "firstRunTakeover"), std::string("<unset>"));
        const AnalysisResult result = analyzeModel(imported->model, builtInCatalog());
        QVERIFY(findThreat(result, "IAM-17@" + named("fresh")->id)); // sync calls it through Service cloud
        // The wizard is open, but no Service, route or caller leads to it.
        QVERIFY(named("spare") != imported->model.elements().end());
        QCOMPARE(text(named("spare")->properties, "firstRunTakeover"), std::string("yes"));
        QVERIFY(!findThreat(result, "IAM-17@" + named("spare")->id));
        QVERIFY(!findThreat(result, "IAM-17@" + named("installed")->id));
        QVERIFY((formatImportReport(imported->report) + writeModelText(imported->model)).find("SENTINEL") == std::string::npos);
    }

    void kubernetesReportsDefaultsWithoutValues()
    {
        QTemporaryDir dir;
        const std::string path = write(dir, "cache.yaml",
                                       "apiVersion: apps/v1\n"
                                       "kind: Deployment\n"
                                       "metadata:\n"
                                       "  name: cache\n"
                                       "spec:\n"
                                       "  selector:\n"
                                       "    matchLabels: {app: cache}\n"
                                       "  template:\n"
                                       "    metadata:\n"
                                       "      labels: {app: cache}\n"
                                       "    spec:\n"
                                       "      containers:\n"
                                       "        - name: redis\n"
                                       "          image: redis:7.2\n"
                                       "          env:\n"
                                       "            - name: TUNING\n"
                                       "              value: SENTINEL-VALUE-4711\n"
                                       "        - name: guarded\n"
                                       "          image: redis:7.2\n"
                                       "          args: [\"--requirepass\", \"SENTINEL-PASS-4712\"]\n");
        const auto imported = importKubernetes({path});
        QVERIFY2(imported, imported ? "" : imported.error().c_str());
        const ImportFinding *line = reportLine(imported->report, "container redis: redis:7.2: Redis accepts every client without AUTH");
        QVERIFY(line);
        QCOMPARE(line->where, path + ":13");
        // Redis is a cache deployed as a container, so the fact is recorded on it.
        QVERIFY(line->text.find("not recorded") == std::string::npos);
        const auto cache = std::find_if(imported->model.elements().begin(), imported->model.elements().end(),
                                        [](const Element &e) { return e.kind == "cache" && e.name.find("guarded") == std::string::npos; });
        QVERIFY(cache != imported->model.elements().end());
        QCOMPARE(text(cache->properties, "authRequired"), std::string("no"));
        QVERIFY(!reportLine(imported->report, "container guarded: redis:7.2: Redis accepts every client without AUTH"));
        const std::string everything = formatImportReport(imported->report) + writeModelText(imported->model);
        QVERIFY(everything.find("SENTINEL") == std::string::npos);
    }

    void composeNeverShowsCommandOrEnvironmentValues()
    {
        QTemporaryDir dir;
        const std::string path = write(dir, "compose.yml",
                                       "services:\n"
                                       "  cache:\n"
                                       "    image: redis:7\n"
                                       "    command: redis-server --requirepass SENTINEL-PASS-4713\n"
                                       "  search:\n"
                                       "    image: elasticsearch:7.17.9\n"
                                       "    environment:\n"
                                       "      xpack.security.enabled: SENTINEL-VALUE-4714\n");
        const auto imported = importCompose({path}, {});
        QVERIFY2(imported, imported ? "" : imported.error().c_str());
        QCOMPARE(text(imported->model.findElement("cache")->properties, "authRequired"), std::string("yes"));
        // A value that is not "true" does not turn security on.
        QCOMPARE(text(imported->model.findElement("search")->properties, "authRequired"), std::string("no"));
        const std::string everything = formatImportReport(imported->report) + writeModelText(imported->model);
        QVERIFY(everything.find("SENTINEL") == std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestWellKnownImages)
#include "tst_wellknownimages.moc"
