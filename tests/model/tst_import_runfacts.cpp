// What the importers read about how a service runs and connects, for the rules that must not
// claim more than the files show (issue 15, precision review): one-shot Compose jobs, flows that
// only depends_on shows, TLS required by a connection string's query, the owner of a weak
// password two services hold, and containers of a wizard image that serve no wizard.

#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "import/compose/composehostmention.h"
#include "import/composeimporter.h"
#include "import/connectionurl.h"
#include "import/importresult.h"
#include "import/kubernetesimporter.h"
#include "io/modelwriter.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <fstream>

using namespace bulkhead;

namespace {

std::string recorded(const ThreatModel &model, const std::string &element, const std::string &name)
{
    const Element *found = model.findElement(element);
    if (!found)
        return "(no element " + element + ")";
    const auto it = found->properties.find(name);
    if (it == found->properties.end())
        return "unknown";
    if (const bool *flag = std::get_if<bool>(&it->second))
        return *flag ? "yes" : "no";
    return std::get<std::string>(it->second);
}

std::string kindOf(const ThreatModel &model, const std::string &element)
{
    const Element *found = model.findElement(element);
    return found ? found->kind : "(no element " + element + ")";
}

const Flow *flowBetween(const ThreatModel &model, const std::string &source, const std::string &target)
{
    for (const Flow &flow : model.flows()) {
        const Element *from = model.findElement(flow.source);
        const Element *to = model.findElement(flow.target);
        if (from && to && from->name == source && to->name == target)
            return &flow;
    }
    return nullptr;
}

std::string flowFact(const Flow *flow, const std::string &name)
{
    if (!flow)
        return "(no flow)";
    const auto it = flow->properties.find(name);
    if (it == flow->properties.end())
        return "unknown";
    if (const bool *flag = std::get_if<bool>(&it->second))
        return *flag ? "yes" : "no";
    return std::get<std::string>(it->second);
}

/** The line of the import report (mapped, flagged or skipped) at `where` that contains `text`. */
bool reported(const ImportReport &report, const std::string &where, const std::string &text)
{
    for (const auto *lines : {&report.mapped, &report.flagged, &report.skipped})
        for (const ImportFinding &finding : *lines)
            if (finding.where == where && finding.text.find(text) != std::string::npos)
                return true;
    return false;
}

/** "fires", "confirm" or "quiet", as the rule tests say it. */
std::string outcome(const ThreatModel &model, const std::string &threat)
{
    const AnalysisResult analysis = analyzeModel(model, builtInCatalog());
    for (const Threat &t : analysis.threats)
        if (t.id() == threat)
            return t.needsConfirmation ? "confirm" : "fires";
    return "quiet";
}

std::string write(const QTemporaryDir &dir, const char *name, const std::string &text)
{
    const std::string path = dir.filePath(QString::fromLatin1(name)).toStdString();
    std::ofstream(path) << text;
    return path;
}

} // namespace

class TestImportRunFacts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneShotComposeJobs()
    {
        QTemporaryDir dir;
        const std::string compose = write(dir, "compose.yaml",
            "services:\n"                                                                     // 1
            "  setup:\n"                                                                      // 2
            "    image: docker.elastic.co/elasticsearch/elasticsearch:8.14.3\n"               // 3
            "    command: bash -c 'bin/elasticsearch-certutil ca --silent; echo \"All done!\"'\n" // 4
            "  migrate:\n"                                                                    // 5
            "    image: example/app:1\n"                                                      // 6
            "  app:\n"                                                                        // 7
            "    image: example/app:1\n"                                                      // 8
            "    depends_on:\n"                                                               // 9
            "      migrate:\n"                                                                // 10
            "        condition: service_completed_successfully\n"                             // 11
            "  server:\n"                                                                     // 12
            "    image: example/app:1\n"                                                      // 13
            "    command: sh -c 'migrate; exec server'\n"                                     // 14
            "  restarted:\n"                                                                  // 15
            "    image: example/app:1\n"                                                      // 16
            "    restart: always\n"                                                           // 17
            "    command: sh -c 'sync-once; echo synced'\n"                                   // 18
            "  looping:\n"                                                                    // 19
            "    image: example/app:1\n"                                                      // 20
            "    command: sh -c 'while true; do poll; sleep 5; done; echo never'\n"           // 21
            "  search:\n"                                                                     // 22
            "    image: docker.elastic.co/elasticsearch/elasticsearch:8.14.3\n");             // 23
        auto imported = importCompose({compose}, {});
        QVERIFY2(imported, imported.error().c_str());
        const ThreatModel &model = imported->model;
        const std::string file = compose + ":";

        // A script that ends by printing, with nothing restarting it, is a job; it runs the
        // image's tools, so it is no database.
        QCOMPARE(recorded(model, "setup", "oneShot"), std::string("yes"));
        QCOMPARE(kindOf(model, "setup"), std::string("container"));
        QVERIFY(reported(imported->report, file + "4", "command is a shell script whose last step prints or exits"));
        QCOMPARE(kindOf(model, "search"), std::string("database"));
        QCOMPARE(recorded(model, "search", "oneShot"), std::string("unknown"));
        // Waited for until it completes successfully.
        QCOMPARE(recorded(model, "migrate", "oneShot"), std::string("yes"));
        QVERIFY(reported(imported->report, file + "11", "service migrate runs to completion and exits: service app waits for it"));
        // exec hands over to a server; restart always starts it again; a loop never ends.
        QCOMPARE(recorded(model, "server", "oneShot"), std::string("unknown"));
        QCOMPARE(recorded(model, "restarted", "oneShot"), std::string("unknown"));
        QCOMPARE(recorded(model, "looping", "oneShot"), std::string("unknown"));
        QCOMPARE(recorded(model, "app", "oneShot"), std::string("unknown"));
        QCOMPARE(outcome(model, "IMG-11@setup"), std::string("quiet"));
        QVERIFY(outcome(model, "IMG-11@server") != "quiet");
    }

    void flowsOnlyDependsOnShows()
    {
        QTemporaryDir dir;
        const std::string compose = write(dir, "compose.yaml",
            "services:\n"                                                 // 1
            "  es:\n"                                                     // 2
            "    image: example/search:1\n"                               // 3
            "    depends_on:\n"                                           // 4
            "      setup: {condition: service_healthy}\n"                 // 5
            "  app:\n"                                                    // 6
            "    image: example/app:1\n"                                  // 7
            "    depends_on: [db]\n"                                      // 8
            "    environment:\n"                                          // 9
            "      DB_HOST: db\n"                                         // 10
            "  setup:\n"                                                  // 11
            "    image: example/tools:1\n"                                // 12
            "  db:\n"                                                     // 13
            "    image: postgres:16.4\n");                                // 14
        auto imported = importCompose({compose}, {});
        QVERIFY2(imported, imported.error().c_str());
        const ThreatModel &model = imported->model;
        const Flow *ordering = flowBetween(model, "es", "setup");
        QCOMPARE(flowFact(ordering, "orderingOnly"), std::string("yes"));
        QVERIFY(reported(imported->report, compose + ":5", "only depends_on shows this flow"));
        // depends_on beside an address: data.
        QCOMPARE(flowFact(flowBetween(model, "app", "db"), "orderingOnly"), std::string("unknown"));
        QCOMPARE(outcome(model, "NET-34@app-to-db"), std::string("confirm"));
    }

    void dependsOnBesideAHostInConfigurationText()
    {
        QTemporaryDir dir;
        const std::string compose = write(dir, "compose.yaml",
            "services:\n"                                                                  // 1
            "  wordpress:\n"                                                               // 2
            "    image: wordpress:6.5\n"                                                   // 3
            "    depends_on: [redis, cache, db]\n"                                         // 4
            "    environment:\n"                                                           // 5
            "      WORDPRESS_DB_PASSWORD: Sentinel-Pw-cache-9q\n"                          // 6
            "      WORDPRESS_CONFIG_EXTRA: define('WP_REDIS_HOST', 'redis'); define('K', 1);\n" // 7
            "      WP_CACHE_DRIVER: cache\n"                                               // 8
            "      DB_NOTE: db-primary is the db\n"                                        // 9
            "  redis:\n"                                                                   // 10
            "    image: redis:7.2\n"                                                       // 11
            "  cache:\n"                                                                   // 12
            "    image: memcached:1.6\n"                                                   // 13
            "  db:\n"                                                                      // 14
            "    image: mariadb:11\n");                                                    // 15
        auto imported = importCompose({compose}, {});
        QVERIFY2(imported, imported.error().c_str());
        const ThreatModel &model = imported->model;
        // The PHP configuration quotes the service's name: data flows to it.
        const Flow *toRedis = flowBetween(model, "wordpress", "redis");
        QCOMPARE(flowFact(toRedis, "orderingOnly"), std::string("unknown"));
        QVERIFY2(flowFact(toRedis, "notes").find("WORDPRESS_CONFIG_EXTRA") != std::string::npos,
                 flowFact(toRedis, "notes").c_str());
        QVERIFY(reported(imported->report, compose + ":7",
                         "service wordpress → redis: depends_on, and the environment variable "
                         "WORDPRESS_CONFIG_EXTRA names the service as a host in its value"));
        QCOMPARE(outcome(model, "NET-34@wordpress-to-redis"), std::string("confirm"));
        // A bare word (a driver's name), a name inside a longer one, or inside a password, is
        // no address: those flows stay ordering only.
        QCOMPARE(flowFact(flowBetween(model, "wordpress", "cache"), "orderingOnly"), std::string("yes"));
        QCOMPARE(flowFact(flowBetween(model, "wordpress", "db"), "orderingOnly"), std::string("yes"));
        const std::string written = writeModelText(model) + formatImportReport(imported->report);
        QVERIFY(written.find("Sentinel-Pw") == std::string::npos);
        QVERIFY(written.find("WP_REDIS_HOST") == std::string::npos);
    }

    void hostTokens_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("mentions");
        QTest::newRow("single quotes") << "define('WP_REDIS_HOST', 'redis');" << true;
        QTest::newRow("double quotes, other case") << "{\"host\": \"Redis\"}" << true;
        QTest::newRow("after =") << "host=redis port=6379" << true;
        QTest::newRow("URL host") << "see tcp://redis/0" << true;
        QTest::newRow("after @") << "user@redis" << true;
        QTest::newRow("host:port") << "servers redis:6379,other:1" << true;
        QTest::newRow("bare word") << "redis" << false;
        QTest::newRow("word in a sentence") << "use redis for sessions" << false;
        QTest::newRow("longer name") << "'redis-cache'" << false;
        QTest::newRow("domain") << "host=redis.example.com" << false;
        QTest::newRow("quotes that differ") << "'redis\"" << false;
        QTest::newRow("colon without a port") << "redis: yes" << false;
        QTest::newRow("inside a longer token") << "xredis:6379" << false;
    }

    void hostTokens()
    {
        QFETCH(QString, value);
        QFETCH(bool, mentions);
        QCOMPARE(mentionsHostToken(value.toStdString(), "redis"), mentions);
    }

    void tlsInTheQuery_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("encrypted"); // "" for nothing said
        QTest::newRow("libpq require") << "postgres://u:p@db/app?sslmode=require" << "yes";
        QTest::newRow("libpq verify-full among others") << "postgresql://db/app?connect_timeout=5&sslmode=verify-full" << "yes";
        QTest::newRow("libpq verify-ca") << "postgres://db/app?sslmode=verify-ca" << "yes";
        QTest::newRow("libpq prefer is not enforced") << "postgres://db/app?sslmode=prefer" << "no";
        QTest::newRow("libpq allow") << "postgres://db/app?sslmode=allow" << "no";
        QTest::newRow("libpq disable") << "postgres://db/app?sslmode=disable" << "no";
        QTest::newRow("MongoDB tls") << "mongodb://a:1,b:2/x?replicaSet=rs&tls=true" << "yes";
        QTest::newRow("MongoDB ssl off") << "mongodb://m/x?ssl=false" << "no";
        QTest::newRow("MySQL ssl-mode") << "mysql://db/x?ssl-mode=REQUIRED" << "yes";
        QTest::newRow("MySQL preferred") << "mysql://db/x?ssl-mode=PREFERRED" << "no";
        QTest::newRow("parameters that disagree") << "postgres://db/x?ssl=true&sslmode=disable" << "";
        QTest::newRow("no query") << "postgres://db/x" << "";
        QTest::newRow("a query about something else") << "postgres://db/x?application_name=web" << "";
        QTest::newRow("an unknown mode") << "postgres://db/x?sslmode=sometimes" << "";
    }

    void tlsInTheQuery()
    {
        QFETCH(QString, url);
        QFETCH(QString, encrypted);
        const std::optional<UrlTls> setting = urlTlsSetting(url.toStdString());
        QCOMPARE(QString::fromStdString(setting ? setting->encrypted : std::string()), encrypted);
        if (setting)
            QVERIFY(setting->parameter.find('=') != std::string::npos);
    }

    void tlsOnComposeFlows()
    {
        QTemporaryDir dir;
        const std::string compose = write(dir, "compose.yaml",
            "services:\n"                                                                 // 1
            "  app:\n"                                                                    // 2
            "    image: example/app:1\n"                                                  // 3
            "    environment:\n"                                                          // 4
            "      DATABASE_URL: postgres://app:Zk38w@db/app?sslmode=verify-full\n"       // 5
            "      CACHE_URL: rediss://cache:6380\n"                                      // 6
            "      MONGO_URL: mongodb://mongo/x?tls=true\n"                               // 7
            "      MYSQL_URL: mysql://mysql/x?ssl-mode=PREFERRED\n"                       // 8
            "      API_URL: http://api:8080/?ssl=true\n"                                  // 9
            "      QUEUE_URL: amqps://queue/vhost\n"                                      // 10
            "  db: {image: 'postgres:16.4'}\n"                                            // 11
            "  cache: {image: 'redis:7.2'}\n"                                             // 12
            "  mongo: {image: 'mongo:7.0'}\n"                                             // 13
            "  mysql: {image: 'mysql:8.4'}\n"                                             // 14
            "  api: {image: 'example/api:1'}\n"                                           // 15
            "  queue: {image: 'rabbitmq:3.13'}\n");                                       // 16
        auto imported = importCompose({compose}, {});
        QVERIFY2(imported, imported.error().c_str());
        const ThreatModel &model = imported->model;
        const std::string file = compose + ":";
        QCOMPARE(flowFact(flowBetween(model, "app", "db"), "encrypted"), std::string("yes"));
        QVERIFY(reported(imported->report, file + "5", "in a postgres:// URL with sslmode=verify-full (TLS required)"));
        QCOMPARE(flowFact(flowBetween(model, "app", "cache"), "encrypted"), std::string("yes"));
        QCOMPARE(flowFact(flowBetween(model, "app", "mongo"), "encrypted"), std::string("yes"));
        QVERIFY(reported(imported->report, file + "7", "tls=true (TLS required)"));
        QCOMPARE(flowFact(flowBetween(model, "app", "mysql"), "encrypted"), std::string("no"));
        QVERIFY(reported(imported->report, file + "8", "ssl-mode=preferred (TLS not enforced)"));
        // The scheme decides where it says: plain HTTP stays plain.
        QCOMPARE(flowFact(flowBetween(model, "app", "api"), "encrypted"), std::string("no"));
        QCOMPARE(flowFact(flowBetween(model, "app", "queue"), "encrypted"), std::string("yes"));
        QCOMPARE(outcome(model, "NET-34@app-to-db"), std::string("quiet"));
        QCOMPARE(outcome(model, "NET-34@app-to-mysql"), std::string("fires"));
        for (const auto *lines : {&imported->report.mapped, &imported->report.flagged})
            for (const ImportFinding &finding : *lines)
                QVERIFY2(finding.text.find("Zk38w") == std::string::npos, finding.text.c_str());
    }

    void tlsOnKubernetesFlows()
    {
        QTemporaryDir dir;
        const std::string manifest = write(dir, "app.yaml",
            "apiVersion: v1\n"                                                      // 1
            "kind: Service\n"                                                       // 2
            "metadata: {name: postgres, namespace: shop}\n"                         // 3
            "spec: {selector: {app: postgres}, ports: [{port: 5432}]}\n"            // 4
            "---\n"                                                                 // 5
            "apiVersion: apps/v1\n"                                                 // 6
            "kind: Deployment\n"                                                    // 7
            "metadata: {name: postgres, namespace: shop}\n"                         // 8
            "spec:\n"                                                               // 9
            "  selector: {matchLabels: {app: postgres}}\n"                          // 10
            "  template:\n"                                                         // 11
            "    metadata: {labels: {app: postgres}}\n"                             // 12
            "    spec:\n"                                                           // 13
            "      containers: [{name: postgres, image: 'postgres:16.4', ports: [{containerPort: 5432}]}]\n" // 14
            "---\n"                                                                 // 15
            "apiVersion: apps/v1\n"                                                 // 16
            "kind: Deployment\n"                                                    // 17
            "metadata: {name: web, namespace: shop}\n"                              // 18
            "spec:\n"                                                               // 19
            "  selector: {matchLabels: {app: web}}\n"                               // 20
            "  template:\n"                                                         // 21
            "    metadata: {labels: {app: web}}\n"                                  // 22
            "    spec:\n"                                                           // 23
            "      containers:\n"                                                   // 24
            "        - name: web\n"                                                 // 25
            "          image: example/web:1\n"                                      // 26
            "          env:\n"                                                      // 27
            "            - name: DATABASE_URL\n"                                    // 28
            "              value: postgres://postgres:5432/app?sslmode=require\n"   // 29
            "        - name: report\n"                                              // 30
            "          image: example/report:1\n"                                   // 31
            "          env:\n"                                                      // 32
            "            - name: REPORT_DB_URL\n"                                   // 33
            "              value: postgres://postgres/app?sslmode=disable\n");      // 34
        auto imported = importKubernetes({manifest});
        QVERIFY2(imported, imported.error().c_str());
        const ThreatModel &model = imported->model;
        QCOMPARE(flowFact(flowBetween(model, "web/web", "postgres"), "encrypted"), std::string("yes"));
        QCOMPARE(flowFact(flowBetween(model, "web/report", "postgres"), "encrypted"), std::string("no"));
        bool evidence = false;
        for (const ImportFinding &finding : imported->report.mapped)
            evidence |= finding.where == manifest + ":28"
                        && finding.text.find("sslmode=require (TLS required)") != std::string::npos;
        QVERIFY(evidence);
    }

    void weakPasswordBelongsToItsOwner()
    {
        QTemporaryDir dir;
        const std::string compose = write(dir, "compose.yaml",
            "services:\n"                                        // 1
            "  gitea:\n"                                         // 2
            "    image: example/forge:1\n"                       // 3
            "    environment:\n"                                 // 4
            "      - FORGE_DB_HOST=gitea-db:5432\n"              // 5
            "      - FORGE_DB_USER=gitea\n"                      // 6
            "      - FORGE_DB_PASSWD=gitea\n"                    // 7
            "  gitea-db:\n"                                      // 8
            "    image: postgres:16.4\n"                         // 9
            "    environment:\n"                                 // 10
            "      - POSTGRES_USER=gitea\n"                      // 11
            "      - POSTGRES_PASSWORD=gitea\n"                  // 12
            "  mailer:\n"                                        // 13
            "    image: example/mailer:1\n"                      // 14
            "    environment:\n"                                 // 15
            "      - SMTP_HOST=smtp.example.org\n"               // 16
            "      - SMTP_PASSWORD=changeme\n"                   // 17
            "  peer:\n"                                          // 18
            "    image: example/peer:1\n"                        // 19
            "    environment:\n"                                 // 20
            "      - PEER_PASSWORD=gitea\n"                      // 21
            "      - PEER_USER=gitea\n");                        // 22
        auto imported = importCompose({compose}, {});
        QVERIFY2(imported, imported.error().c_str());
        const ThreatModel &model = imported->model;
        // The client's copy of the database's password: reported on the database only.
        QCOMPARE(recorded(model, "gitea-db", "weakCredentials"), std::string("yes"));
        QCOMPARE(recorded(model, "gitea", "weakCredentials"), std::string("no"));
        QVERIFY(reported(imported->report, compose + ":7", "FORGE_DB_PASSWD holds the same password as service gitea-db, which it calls"));
        QCOMPARE(outcome(model, "IAM-15@gitea-db"), std::string("fires"));
        QCOMPARE(outcome(model, "IAM-15@gitea"), std::string("quiet"));
        // The owner is not in the files: the client keeps it.
        QCOMPARE(outcome(model, "IAM-15@mailer"), std::string("fires"));
        // The same password in a service that does not call the owner is its own.
        QCOMPARE(outcome(model, "IAM-15@peer"), std::string("fires"));
        for (const ImportFinding &finding : imported->report.mapped)
            QVERIFY2(finding.text.find("changeme") == std::string::npos, finding.text.c_str());
    }

    void wizardOnlyWhereTheImageServesIt()
    {
        QTemporaryDir dir;
        const std::string compose = write(dir, "compose.yaml",
            "services:\n"                                        // 1
            "  app:\n"                                           // 2
            "    image: nextcloud:29.0.4\n"                      // 3
            "    ports: ['8080:80']\n"                           // 4
            "  cron:\n"                                          // 5
            "    image: nextcloud:29.0.4\n"                      // 6
            "    entrypoint: /cron.sh\n"                         // 7
            "  worker:\n"                                        // 8
            "    image: nextcloud:29.0.4\n"                      // 9
            "    command: php occ background-job:worker\n"       // 10
            "  hidden:\n"                                        // 11
            "    image: nextcloud:29.0.4\n");                    // 12
        auto imported = importCompose({compose}, {});
        QVERIFY2(imported, imported.error().c_str());
        const ThreatModel &model = imported->model;
        QCOMPARE(recorded(model, "app", "firstRunTakeover"), std::string("yes"));
        QCOMPARE(recorded(model, "cron", "firstRunTakeover"), std::string("unknown"));
        QCOMPARE(recorded(model, "worker", "firstRunTakeover"), std::string("unknown"));
        QVERIFY(reported(imported->report, compose + ":6", "replaces the image's program, so this container serves no install wizard"));
        // Published, and whether the owner finished the setup is not in the files: it asks.
        QCOMPARE(outcome(model, "IAM-17@app"), std::string("confirm"));
        QCOMPARE(outcome(model, "IAM-17@cron"), std::string("quiet"));
        QCOMPARE(outcome(model, "IAM-17@worker"), std::string("quiet"));
        // Nothing connects to it.
        QCOMPARE(recorded(model, "hidden", "firstRunTakeover"), std::string("yes"));
        QCOMPARE(outcome(model, "IAM-17@hidden"), std::string("quiet"));
    }

    void kubernetesCommandReplacesTheWizard()
    {
        QTemporaryDir dir;
        const std::string manifest = write(dir, "app.yaml",
            "apiVersion: apps/v1\n"
            "kind: Deployment\n"
            "metadata: {name: cloud, namespace: files}\n"
            "spec:\n"
            "  selector: {matchLabels: {app: cloud}}\n"
            "  template:\n"
            "    metadata: {labels: {app: cloud}}\n"
            "    spec:\n"
            "      containers:\n"
            "        - {name: web, image: 'nextcloud:29.0.4', args: ['--verbose']}\n"
            "        - {name: cron, image: 'nextcloud:29.0.4', command: ['/cron.sh']}\n");
        auto imported = importKubernetes({manifest});
        QVERIFY2(imported, imported.error().c_str());
        const ThreatModel &model = imported->model;
        std::string web = "(none)", cron = "(none)";
        for (const Element &element : model.elements()) {
            const auto it = element.properties.find("firstRunTakeover");
            const std::string value = it == element.properties.end() ? "unknown" : std::get<std::string>(it->second);
            if (element.name.find("cron") != std::string::npos)
                cron = value;
            else if (element.name.find("web") != std::string::npos)
                web = value;
        }
        QCOMPARE(web, std::string("yes"));
        QCOMPARE(cron, std::string("unknown"));
    }
};

QTEST_GUILESS_MAIN(TestImportRunFacts)
#include "tst_import_runfacts.moc"
