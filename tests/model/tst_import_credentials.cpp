// What the values of a workload's variables show about its credentials (issue 16, credentials):
// assessCredentials() on its own, then each mapping through the Compose and Kubernetes importers,
// with the line of the import report that gives its evidence.

#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "import/composeimporter.h"
#include "import/credentialfacts.h"
#include "import/kubernetesimporter.h"
#include "import/secretkeys.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <fstream>

using namespace bulkhead;

namespace {

using Variables = std::vector<EnvironmentVariable>;

/** "yes", "no" or "unknown", as the model would record it. */
QString answer(const std::optional<bool> &fact)
{
    return fact ? QString::fromLatin1(*fact ? "yes" : "no") : QStringLiteral("unknown");
}

EnvironmentVariable known(std::string name, std::string value)
{
    return {std::move(name), std::move(value), true};
}

std::string recorded(const ThreatModel &model, const std::string &element, const std::string &name)
{
    const Element *found = model.findElement(element);
    if (!found)
        return "(no element " + element + ")";
    const auto it = found->properties.find(name);
    return it == found->properties.end() ? std::string("unknown") : std::get<std::string>(it->second);
}

/** The flagged line of the report at `where` whose text contains `text`, or an empty string. */
std::string flaggedAt(const ImportReport &report, const std::string &where, const std::string &text)
{
    for (const ImportFinding &finding : report.flagged)
        if (finding.where == where && finding.text.find(text) != std::string::npos)
            return finding.text;
    return {};
}

bool fires(const ThreatModel &model, const std::string &threat)
{
    const AnalysisResult analysis = analyzeModel(model, builtInCatalog());
    return std::any_of(analysis.threats.begin(), analysis.threats.end(), [&](const Threat &t) { return t.id() == threat; });
}

} // namespace

class TestImportCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void assess_data()
    {
        QTest::addColumn<Variables>("variables");
        QTest::addColumn<QString>("weak");
        QTest::addColumn<QString>("empty");
        QTest::addColumn<QString>("shared");
        QTest::addColumn<int>("literals");

        QTest::newRow("a generated password") << Variables{known("DB_USER", "app"), known("DB_PASSWORD", "x7Qp2vLm9")} << "no" << "no" << "no" << 1;
        QTest::newRow("a well-known default") << Variables{known("DB_PASSWORD", "changeme")} << "yes" << "no" << "no" << 1;
        QTest::newRow("a default in another case") << Variables{known("API_TOKEN", "Secret")} << "yes" << "unknown" << "no" << 1;
        QTest::newRow("the image documentation's example") << Variables{known("POSTGRES_PASSWORD", "mysecretpassword")} << "yes" << "no" << "no" << 1;
        QTest::newRow("password equals its user") << Variables{known("MYSQL_USER", "wp"), known("MYSQL_PASSWORD", "wp")} << "yes" << "no" << "no" << 1;
        QTest::newRow("password equals its user, _PASS and _USERNAME")
            << Variables{known("RABBITMQ_DEFAULT_USERNAME", "Broker"), known("RABBITMQ_DEFAULT_PASS", "broker")} << "yes" << "no" << "no" << 1;
        QTest::newRow("the user of another prefix does not count")
            << Variables{known("SMTP_USER", "x7Qp2vLm9"), known("DB_PASSWORD", "x7Qp2vLm9")} << "no" << "no" << "no" << 1;
        QTest::newRow("root and the application user share a password")
            << Variables{known("MYSQL_ROOT_PASSWORD", "x7Qp2vLm9"), known("MYSQL_USER", "wp"), known("MYSQL_PASSWORD", "x7Qp2vLm9")} << "no" << "no"
            << "yes" << 2;
        QTest::newRow("two named accounts share a password")
            << Variables{known("DB_USER", "app"), known("DB_PASSWORD", "x7Qp2vLm9"), known("SMTP_USER", "mailer"), known("SMTP_PASSWORD", "x7Qp2vLm9")}
            << "no" << "no" << "yes" << 2;
        QTest::newRow("one account named twice is not shared")
            << Variables{known("DB_USER", "app"), known("DB_PASSWORD", "x7Qp2vLm9"), known("PGUSER", "app"), known("PGPASSWORD", "x7Qp2vLm9")} << "no"
            << "no" << "no" << 2;
        QTest::newRow("accounts not known are not shared")
            << Variables{known("POSTGRES_PASSWORD", "x7Qp2vLm9"), known("PGPASSWORD", "x7Qp2vLm9")} << "no" << "no" << "no" << 2;
        QTest::newRow("tokens with one value are not accounts")
            << Variables{known("JWT_SECRET", "x7Qp2vLm9"), known("SESSION_SECRET", "x7Qp2vLm9")} << "no" << "unknown" << "no" << 2;
        QTest::newRow("an empty password") << Variables{known("DB_PASSWORD", "")} << "no" << "yes" << "no" << 0;
        QTest::newRow("an empty token is not a password") << Variables{known("SENTRY_TOKEN", "")} << "no" << "unknown" << "no" << 0;
        QTest::newRow("a value the import cannot know") << Variables{{"DB_PASSWORD", std::nullopt, true}} << "unknown" << "unknown" << "unknown" << 0;
        QTest::newRow("a default beside a value not known")
            << Variables{{"DB_PASSWORD", std::nullopt, true}, known("ADMIN_PASSWORD", "admin")} << "yes" << "unknown" << "unknown" << 1;
        QTest::newRow("from the environment bulkhead runs in: compared, not in the files")
            << Variables{{"DB_PASSWORD", std::string("changeme"), false}} << "yes" << "no" << "no" << 0;
        QTest::newRow("a password in a URL") << Variables{known("DATABASE_URL", "postgres://app:x7Qp2vLm9@db:5432/app?ssl=1")} << "no" << "no" << "no" << 1;
        QTest::newRow("a URL's password equals its user") << Variables{known("DATABASE_URL", "mysql://app:app@db/app")} << "yes" << "no" << "no" << 1;
        QTest::newRow("a URL with an empty password") << Variables{known("REDIS_URL", "redis://app:@cache:6379")} << "no" << "yes" << "no" << 0;
        QTest::newRow("a URL without a password") << Variables{known("DATABASE_URL", "postgres://app@db/app")} << "unknown" << "unknown" << "unknown" << 0;
        QTest::newRow("a URL's account and the root password")
            << Variables{known("MYSQL_ROOT_PASSWORD", "x7Qp2vLm9"), known("DATABASE_URL", "mysql://app:x7Qp2vLm9@db/app")} << "no" << "no" << "yes" << 2;
        QTest::newRow("BYPASS is not a password") << Variables{known("BYPASS_TOKEN", "")} << "no" << "unknown" << "no" << 0;
        QTest::newRow("the first of a name wins")
            << Variables{known("DB_PASSWORD", "x7Qp2vLm9"), known("DB_PASSWORD", "changeme")} << "no" << "no" << "no" << 1;
    }

    void assess()
    {
        QFETCH(Variables, variables);
        const CredentialFacts facts = assessCredentials(variables);
        QTEST(answer(facts.weak), "weak");
        QTEST(answer(facts.emptyPassword), "empty");
        QTEST(answer(facts.shared), "shared");
        QTEST(int(facts.literals.size()), "literals");
        // A finding names variables, never a value.
        for (const CredentialFacts::Finding &finding : facts.findings)
            for (const EnvironmentVariable &variable : variables)
                if (variable.value && variable.value->size() > 3)
                    QVERIFY2(finding.text.find(*variable.value) == std::string::npos, finding.text.c_str());
    }

    void secretKeyNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("secretKey");
        QTest::addColumn<bool>("ownKey");
        QTest::newRow("Django or Flask") << "SECRET_KEY" << true << true;
        QTest::newRow("Rails") << "SECRET_KEY_BASE" << true << true;
        QTest::newRow("Airflow's Fernet key") << "AIRFLOW__CORE__FERNET_KEY" << true << true;
        QTest::newRow("n8n") << "N8N_ENCRYPTION_KEY" << true << true;
        QTest::newRow("JWT secret") << "JWT_SECRET" << true << true;
        QTest::newRow("Laravel") << "APP_KEY" << true << true;
        QTest::newRow("salt") << "PASSWORD_SALT" << true << true;
        QTest::newRow("a client's API token") << "GITHUB_TOKEN" << true << false;
        QTest::newRow("a cloud access key") << "AWS_SECRET_ACCESS_KEY" << true << false;
        QTest::newRow("public by design") << "JWT_PUBLIC_KEY" << false << false;
        QTest::newRow("reCAPTCHA site key") << "RECAPTCHA_SITE_KEY" << false << false;
        QTest::newRow("a pointer to a key file") << "SECRET_KEY_FILE" << false << false;
        QTest::newRow("a key's path") << "JWT_SIGNING_KEY_PATH" << false << false;
        QTest::newRow("a header name") << "API_KEY_HEADER" << false << false;
        QTest::newRow("a key id") << "AWS_ACCESS_KEY_ID" << false << false;
        QTest::newRow("a cache key") << "SESSION_CACHE_KEY" << false << false;
        QTest::newRow("a password") << "DB_PASSWORD" << false << false;
    }

    void secretKeyNames()
    {
        QFETCH(QString, name);
        QTEST(isApplicationSecretKey(name.toStdString()), "secretKey");
        QTEST(isOwnEncryptionOrSigningKey(name.toStdString()), "ownKey");
    }

    void secretKeys_data()
    {
        QTest::addColumn<Variables>("variables");
        QTest::addColumn<QString>("weakKey");
        QTest::addColumn<QString>("weakPassword");
        QTest::newRow("Fernet key left empty") << Variables{known("AIRFLOW__CORE__FERNET_KEY", "")} << "yes" << "unknown";
        QTest::newRow("n8n's documented placeholder") << Variables{known("N8N_ENCRYPTION_KEY", "changeEncryptionKey")} << "yes" << "unknown";
        QTest::newRow("changeme, judged as a key and not a password")
            << Variables{known("SECRET_KEY", "changeme"), known("DB_PASSWORD", "x7Qp2vLm9")} << "yes" << "no";
        QTest::newRow("a placeholder phrase in another spelling") << Variables{known("JWT_SECRET", "please-CHANGE_THIS-secret")} << "yes" << "no";
        QTest::newRow("Django's generated insecure key") << Variables{known("DJANGO_SECRET_KEY", "django-insecure-4k2j3h5g6f7d8s9a")} << "yes" << "no";
        QTest::newRow("one character repeated") << Variables{known("SECRET_KEY_BASE", "xxxxxxxxxxxxxxxx")} << "yes" << "no";
        QTest::newRow("Rails key generated") << Variables{known("SECRET_KEY_BASE", "9f8e7d6c5b4a39281706f5e4d3c2b1a0")} << "no" << "no";
        QTest::newRow("key not in the files") << Variables{{"SECRET_KEY", std::nullopt, true}} << "unknown" << "unknown";
        QTest::newRow("an empty client token only turns a feature off") << Variables{known("GITHUB_TOKEN", "")} << "unknown" << "no";
        QTest::newRow("no keys at all") << Variables{known("DB_PASSWORD", "x7Qp2vLm9")} << "unknown" << "no";
        QTest::newRow("MinIO's access key pair is an account")
            << Variables{known("MINIO_ACCESS_KEY", "minio"), known("MINIO_SECRET_KEY", "minioadmin")} << "unknown" << "yes";
        QTest::newRow("a public key is no secret") << Variables{known("JWT_PUBLIC_KEY", "")} << "unknown" << "unknown";
    }

    void secretKeys()
    {
        QFETCH(Variables, variables);
        const CredentialFacts facts = assessCredentials(variables);
        QTEST(answer(facts.weakSecretKey), "weakKey");
        QTEST(answer(facts.weak), "weakPassword");
        for (const CredentialFacts::Finding &finding : facts.findings)
            for (const EnvironmentVariable &variable : variables)
                if (variable.value && variable.value->size() > 3)
                    QVERIFY2(finding.text.find(*variable.value) == std::string::npos, finding.text.c_str());
        PropertyMap properties;
        facts.applyTo(properties);
        const auto recordedKey = properties.find("weakSecretKey");
        QCOMPARE(recordedKey == properties.end() ? QStringLiteral("unknown") : QString::fromStdString(std::get<std::string>(recordedKey->second)),
                 answer(facts.weakSecretKey));
    }

    void secretKeysThroughTheImporters()
    {
        QTemporaryDir dir;
        const std::string compose = dir.filePath(QStringLiteral("compose.yml")).toStdString();
        std::ofstream(compose) << "services:\n"                                            // 1
                                  "  scheduler:\n"                                         // 2
                                  "    image: apache/airflow:2.9.3\n"                      // 3
                                  "    environment:\n"                                     // 4
                                  "      AIRFLOW__CORE__FERNET_KEY: ''\n"                  // 5
                                  "  n8n:\n"                                               // 6
                                  "    image: n8nio/n8n:1.80.0\n"                          // 7
                                  "    environment:\n"                                     // 8
                                  "      N8N_ENCRYPTION_KEY: ${N8N_ENCRYPTION_KEY}\n"      // 9
                                  "  web:\n"                                               // 10
                                  "    image: example/web:1\n"                             // 11
                                  "    environment:\n"                                     // 12
                                  "      SECRET_KEY: ${WEB_SECRET_KEY:-change-me-please}\n" // 13
                                  "  api:\n"                                               // 14
                                  "    image: example/api:1\n"                             // 15
                                  "    environment:\n"                                     // 16
                                  "      SECRET_KEY: Vt9q2LmX8r4KpZ0w\n";                  // 17
        std::ofstream(dir.filePath(QStringLiteral(".env")).toStdString()) << "N8N_ENCRYPTION_KEY=changeEncryptionKey\n";
        auto imported = importCompose({compose}, {});
        QVERIFY2(imported, imported.error().c_str());
        const ThreatModel &model = imported->model;
        const std::string file = compose + ":";
        QCOMPARE(recorded(model, "scheduler", "weakSecretKey"), std::string("yes"));
        QVERIFY(!flaggedAt(imported->report, file + "5", "AIRFLOW__CORE__FERNET_KEY is empty").empty());
        QCOMPARE(recorded(model, "n8n", "weakSecretKey"), std::string("yes"));
        QVERIFY(!flaggedAt(imported->report, file + "9", "N8N_ENCRYPTION_KEY is a placeholder").empty());
        // A default written in the file is what Compose uses when the variable is unset.
        QCOMPARE(recorded(model, "web", "weakSecretKey"), std::string("yes"));
        QVERIFY(!flaggedAt(imported->report, file + "13", "SECRET_KEY is a placeholder").empty());
        // Judged as a key only: the password rule IAM-15 does not restate it.
        QCOMPARE(recorded(model, "web", "weakCredentials"), std::string("no"));
        QCOMPARE(recorded(model, "api", "weakSecretKey"), std::string("no"));
        QVERIFY(fires(model, "IAM-30@scheduler"));
        QVERIFY(fires(model, "IAM-30@web"));
        QVERIFY(!fires(model, "IAM-30@api"));
        QVERIFY(!fires(model, "IAM-15@web"));
        for (const ImportFinding &finding : imported->report.flagged)
            for (const char *value : {"changeEncryptionKey", "change-me-please", "Vt9q2LmX8r4KpZ0w"})
                QVERIFY2(finding.text.find(value) == std::string::npos, finding.text.c_str());

        const std::string manifest = dir.filePath(QStringLiteral("app.yaml")).toStdString();
        std::ofstream(manifest) << "apiVersion: apps/v1\n"                       // 1
                                   "kind: Deployment\n"                          // 2
                                   "metadata: {name: web, namespace: shop}\n"    // 3
                                   "spec:\n"                                     // 4
                                   "  selector: {matchLabels: {app: web}}\n"     // 5
                                   "  template:\n"                               // 6
                                   "    metadata: {labels: {app: web}}\n"        // 7
                                   "    spec:\n"                                 // 8
                                   "      containers:\n"                         // 9
                                   "        - name: web\n"                       // 10
                                   "          image: example/web:1\n"            // 11
                                   "          env:\n"                            // 12
                                   "            - name: SECRET_KEY_BASE\n"       // 13
                                   "              value: \"\"\n";               // 14
        auto cluster = importKubernetes({manifest});
        QVERIFY2(cluster, cluster.error().c_str());
        QCOMPARE(recorded(cluster->model, "web", "weakSecretKey"), std::string("yes"));
        QVERIFY(!flaggedAt(cluster->report, manifest + ":13", "SECRET_KEY_BASE is empty").empty());
        QVERIFY(fires(cluster->model, "IAM-30@web"));
    }

    void decodesBase64()
    {
        QCOMPARE(decodeBase64("cGFzc3dvcmQ="), std::optional<std::string>("password"));
        QCOMPARE(decodeBase64("YXBw"), std::optional<std::string>("app"));
        QCOMPARE(decodeBase64("YX\nBw"), std::optional<std::string>("app"));
        QCOMPARE(decodeBase64("not base64!"), std::optional<std::string>());
    }

    void compose()
    {
        QTemporaryDir dir;
        const std::string compose = dir.filePath(QStringLiteral("compose.yml")).toStdString();
        std::ofstream(compose) << "services:\n"                                  // 1
                                  "  db:\n"                                      // 2
                                  "    image: mysql:8.4\n"                       // 3
                                  "    environment:\n"                           // 4
                                  "      MYSQL_ROOT_PASSWORD: x7Qp2vLm9\n"       // 5
                                  "      MYSQL_USER: wp\n"                       // 6
                                  "      MYSQL_PASSWORD: x7Qp2vLm9\n"            // 7
                                  "  wordpress:\n"                               // 8
                                  "    image: wordpress:6\n"                     // 9
                                  "    environment:\n"                           // 10
                                  "      WORDPRESS_DB_USER: wp\n"                // 11
                                  "      WORDPRESS_DB_PASSWORD: x7Qp2vLm9\n"     // 12
                                  "  app:\n"                                     // 13
                                  "    image: example/app:1\n"                   // 14
                                  "    environment:\n"                           // 15
                                  "      - DB_PASSWORD=${UNSET_PASSWORD}\n"      // 16
                                  "      - ADMIN_PASSWORD=${ADMIN_PW}\n"         // 17
                                  "      - DATABASE_URL=postgres://app:Zk38w@db/app\n" // 18
                                  "  shell:\n"                                   // 19
                                  "    image: example/app:1\n"                   // 20
                                  "    environment:\n"                           // 21
                                  "      API_TOKEN: ${SHELL_TOKEN}\n"            // 22
                                  "  mailer:\n"                                  // 23
                                  "    image: example/app:1\n"                   // 24
                                  "    env_file: mail.env\n";                    // 25
        std::ofstream(dir.filePath(QStringLiteral(".env")).toStdString()) << "ADMIN_PW=changeme\n";
        std::ofstream(dir.filePath(QStringLiteral("mail.env")).toStdString()) << "SMTP_USER=mailer\nSMTP_PASSWORD=mailer\n";
        auto imported = importCompose({compose}, {{"SHELL_TOKEN", "k2Jq9Lw0"}});
        QVERIFY2(imported, imported.error().c_str());
        const ThreatModel &model = imported->model;
        const ImportReport &report = imported->report;
        const std::string file = compose + ":";

        // A literal in a secret-named variable: credsInConfig, as the Kubernetes import does.
        QCOMPARE(recorded(model, "db", "credsInConfig"), std::string("yes"));
        QVERIFY(!flaggedAt(report, file + "5", "MYSQL_ROOT_PASSWORD holds a credential written in the project's files").empty());
        // Root and the application user with one password; the client holding the same
        // account's password is a different service and not compared with it.
        QCOMPARE(recorded(model, "db", "sharedCredentials"), std::string("yes"));
        QVERIFY(!flaggedAt(report, file + "7", "MYSQL_PASSWORD and MYSQL_ROOT_PASSWORD set the same password for two different accounts (one of them the administrator)").empty());
        QCOMPARE(recorded(model, "db", "weakCredentials"), std::string("no"));
        QCOMPARE(recorded(model, "wordpress", "sharedCredentials"), std::string("no"));
        QVERIFY(fires(model, "IAM-16@db"));
        QVERIFY(!fires(model, "IAM-16@wordpress"));
        QVERIFY(!fires(model, "IAM-15@db"));

        // An unset ${VAR} in a password variable is an empty password; a default from .env is weak.
        QCOMPARE(recorded(model, "app", "emptyPassword"), std::string("yes"));
        QVERIFY(!flaggedAt(report, file + "16", "DB_PASSWORD is empty").empty());
        QCOMPARE(recorded(model, "app", "weakCredentials"), std::string("yes"));
        QVERIFY(!flaggedAt(report, file + "17", "ADMIN_PASSWORD is a well-known default password").empty());
        QVERIFY(!flaggedAt(report, file + "17", "ADMIN_PASSWORD holds a credential written in the project's files").empty());
        QVERIFY(!flaggedAt(report, file + "18", "the URL in DATABASE_URL carries a password").empty());
        QVERIFY(fires(model, "IAM-15@app"));

        // A value from the environment bulkhead runs in is compared but is not in the files.
        QCOMPARE(recorded(model, "shell", "credsInConfig"), std::string("unknown"));
        QCOMPARE(recorded(model, "shell", "weakCredentials"), std::string("no"));

        // env_file values count as written in the project.
        QCOMPARE(recorded(model, "mailer", "credsInConfig"), std::string("yes"));
        QCOMPARE(recorded(model, "mailer", "weakCredentials"), std::string("yes"));
        QVERIFY(!flaggedAt(report, file + "25", "SMTP_PASSWORD equals its account's user name").empty());

        for (const char *value : {"x7Qp2vLm9", "changeme", "Zk38w", "k2Jq9Lw0"})
            for (const ImportFinding &finding : report.flagged)
                QVERIFY2(finding.text.find(value) == std::string::npos, finding.text.c_str());
    }

    void kubernetes()
    {
        QTemporaryDir dir;
        const std::string manifest = dir.filePath(QStringLiteral("app.yaml")).toStdString();
        std::ofstream(manifest) << "apiVersion: v1\n"                                    // 1
                                   "kind: Secret\n"                                      // 2
                                   "metadata: {name: db, namespace: shop}\n"             // 3
                                   "data:\n"                                             // 4
                                   "  root: eDdRcDJ2TG05\n"                              // 5 x7Qp2vLm9
                                   "stringData:\n"                                       // 6
                                   "  app: x7Qp2vLm9\n"                                  // 7
                                   "---\n"                                               // 8
                                   "apiVersion: v1\n"                                    // 9
                                   "kind: ConfigMap\n"                                   // 10
                                   "metadata: {name: settings, namespace: shop}\n"       // 11
                                   "data: {MYSQL_USER: wp}\n"                            // 12
                                   "---\n"                                               // 13
                                   "apiVersion: apps/v1\n"                               // 14
                                   "kind: Deployment\n"                                  // 15
                                   "metadata: {name: db, namespace: shop}\n"             // 16
                                   "spec:\n"                                             // 17
                                   "  selector: {matchLabels: {app: db}}\n"              // 18
                                   "  template:\n"                                       // 19
                                   "    metadata: {labels: {app: db}}\n"                 // 20
                                   "    spec:\n"                                         // 21
                                   "      containers:\n"                                 // 22
                                   "        - name: db\n"                                // 23
                                   "          image: mysql:8.4\n"                        // 24
                                   "          envFrom:\n"                                // 25
                                   "            - configMapRef: {name: settings}\n"      // 26
                                   "          env:\n"                                    // 27
                                   "            - name: MYSQL_ROOT_PASSWORD\n"           // 28
                                   "              valueFrom: {secretKeyRef: {name: db, key: root}}\n" // 29
                                   "            - name: MYSQL_PASSWORD\n"                // 30
                                   "              valueFrom: {secretKeyRef: {name: db, key: app}}\n"  // 31
                                   "---\n"                                               // 32
                                   "apiVersion: apps/v1\n"                               // 33
                                   "kind: Deployment\n"                                  // 34
                                   "metadata: {name: web, namespace: shop}\n"            // 35
                                   "spec:\n"                                             // 36
                                   "  selector: {matchLabels: {app: web}}\n"             // 37
                                   "  template:\n"                                       // 38
                                   "    metadata: {labels: {app: web}}\n"                // 39
                                   "    spec:\n"                                         // 40
                                   "      containers:\n"                                 // 41
                                   "        - name: web\n"                               // 42
                                   "          image: example/web:1\n"                    // 43
                                   "          env:\n"                                    // 44
                                   "            - name: ADMIN_PASSWORD\n"                // 45
                                   "              value: admin\n"                        // 46
                                   "            - name: SMTP_PASSWORD\n"                 // 47
                                   "              value: \"\"\n"                         // 48
                                   "            - name: DATABASE_URL\n"                  // 49
                                   "              value: postgres://app:Zk38w@db/app\n"  // 50
                                   "            - name: CACHE_PASSWORD\n"                // 51
                                   "              valueFrom: {secretKeyRef: {name: elsewhere, key: pw}}\n"; // 52
        auto imported = importKubernetes({manifest});
        QVERIFY2(imported, imported.error().c_str());
        const ThreatModel &model = imported->model;
        const ImportReport &report = imported->report;
        const std::string file = manifest + ":";

        // Secret data (decoded in memory) and a ConfigMap's user name: root and wp share one.
        QCOMPARE(recorded(model, "db", "sharedCredentials"), std::string("yes"));
        QVERIFY(!flaggedAt(report, file + "30", "MYSQL_PASSWORD and MYSQL_ROOT_PASSWORD set the same password for two different accounts").empty());
        QCOMPARE(recorded(model, "db", "weakCredentials"), std::string("no"));
        QVERIFY(fires(model, "IAM-16@db"));

        // Literal values: a default, an empty password, a password in a URL. The Secret that is not
        // in the manifests leaves the comparisons that need it unknown.
        QCOMPARE(recorded(model, "web", "weakCredentials"), std::string("yes"));
        QVERIFY(!flaggedAt(report, file + "45", "ADMIN_PASSWORD is a well-known default password").empty());
        QCOMPARE(recorded(model, "web", "emptyPassword"), std::string("yes"));
        QVERIFY(!flaggedAt(report, file + "47", "SMTP_PASSWORD is empty").empty());
        QCOMPARE(recorded(model, "web", "credsInConfig"), std::string("yes"));
        QVERIFY(!flaggedAt(report, file + "49", "the URL in env DATABASE_URL carries a password").empty());
        QCOMPARE(recorded(model, "web", "sharedCredentials"), std::string("unknown"));
        QVERIFY(fires(model, "IAM-15@web"));

        for (const char *value : {"x7Qp2vLm9", "eDdRcDJ2TG05", "Zk38w"})
            for (const ImportFinding &finding : report.flagged)
                QVERIFY2(finding.text.find(value) == std::string::npos, finding.text.c_str());
    }
};

QTEST_GUILESS_MAIN(TestImportCredentials)
#include "tst_import_credentials.moc"
