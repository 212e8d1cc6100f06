// No value of a variable, an env file or a secret leaves a Compose import. Every variable the
// test files use is set to a sentinel (SENTINEL_7f3a_<n>), in every position where Compose
// interpolates — valid ones, and ones that make the file invalid — and every output is searched
// for them: the library's model, import report and threat reports, and bulkhead-cli's standard
// output and error, the model file and the HTML, Markdown and JSON reports made from it.
// The credential checks (weak, shared and empty passwords, passwords in URLs, Kubernetes Secret
// and ConfigMap data) compare values in memory: for them the outputs are also searched for each
// value's MD5, SHA-1 and SHA-256 in hex and its base64.

#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "import/composeimporter.h"
#include "import/kubernetesimporter.h"
#include "io/modelwriter.h"
#include "layout/graphvizlayoutengine.h"
#include "report/analysisexport.h"
#include "report/diagramsvg.h"
#include "report/htmlreport.h"
#include "report/markdownreport.h"
#include "report/reportmodel.h"
#include "clirunner.h"
#include "testfiles.h"

#include <QCryptographicHash>
#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>
#include <sstream>

using namespace bulkhead;

namespace {

QString sentinelsPath(const QString &file)
{
    return bulkhead::test::dataPath(QStringLiteral("import/compose/sentinels/") + file);
}

/** A sentinel however it was transformed on the way out: case, "_" turned "-", Markdown's "\_". */
const QRegularExpression &anySentinel()
{
    static const QRegularExpression pattern(QStringLiteral("sentinel[^a-z0-9]{0,3}7f3a"), QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

/** The sentinels found in `text`, with a little context each, for the failure message. */
QString leaks(const QString &text)
{
    QStringList found;
    for (auto match = anySentinel().globalMatch(text); match.hasNext();) {
        const auto at = match.next();
        found << text.mid(std::max<qsizetype>(0, at.capturedStart() - 60), 120).replace(QLatin1Char('\n'), QLatin1Char(' '));
    }
    return found.join(QStringLiteral("\n  … "));
}

/**
 * Every environment variable the test files use (the S_ ones; .env holds the D_ ones), each set
 * to its own sentinel. A few carry a prefix or suffix so that the value means something to
 * the import (a Docker socket, a file under /etc/ssh, a disk) and the decisions it takes are seen.
 */
std::map<std::string, std::string> sentinelEnvironment()
{
    std::map<std::string, std::string> environment;
    const QDir folder(sentinelsPath(QString()));
    const QRegularExpression variable(QStringLiteral("\\$\\{(S_[A-Z0-9_]+)\\}"));
    QStringList files = folder.entryList({QStringLiteral("*.yml")}, QDir::Files);
    files << QStringLiteral("SENTINEL_7f3a_40/base.yml");
    for (const QString &file : files)
        for (auto match = variable.globalMatch(QString::fromUtf8(bulkhead::test::readAll(folder.filePath(file)))); match.hasNext();)
            environment.emplace(match.next().captured(1).toStdString(), std::string());
    int next = 100;
    for (auto &[name, value] : environment)
        value = "SENTINEL_7f3a_" + std::to_string(next++);
    // Each needs a value that points at one place (the extended file's folder, its service).
    environment["S_EXTENDS_DIR"] = "SENTINEL_7f3a_40";
    environment["S_EXTENDS_SERVICE"] = "SENTINEL_7f3a_41";
    environment["S_SOCKET"] = "/run/" + environment["S_SOCKET"] + "/docker.sock";
    environment["S_DEVICE"] = "sd" + environment["S_DEVICE"];
    return environment;
}

using CliRun = bulkhead::test::CliResult;

CliRun runCli(const QStringList &arguments, const std::map<std::string, std::string> &environment)
{
    bulkhead::test::CliRunOptions options;
    options.environment = environment;
    return bulkhead::test::runProgram(QStringLiteral(BULKHEAD_CLI_PATH), arguments, options);
}

/** What the library gives a reader: the model, the import report and the threat reports. */
std::string libraryOutputs(const ImportResult &imported)
{
    const AnalysisResult analysis = analyzeModel(imported.model, builtInCatalog());
    const ReportData report = buildReport(imported.model, builtInCatalog(), analysis, {}, "2026-01-15");
    std::ostringstream out;
    out << writeModelText(imported.model) << formatImportReport(imported.report);
    writeAnalysisJson(out, analysis, imported.model, builtInCatalog());
    writeHtmlReport(out, report, diagramToSvg(imported.model, builtInCatalog()));
    writeMarkdownReport(out, report);
    return out.str();
}

QString k8sSentinelsPath(const QString &file)
{
    return bulkhead::test::dataPath(QStringLiteral("import/k8s/sentinels/") + file);
}

/**
 * The credential values the credential fixtures hold: their sentinels (the literal ones, the one
 * from .env, the one from the environment) and "letmein", a default the checks must recognise
 * without writing it anywhere.
 */
QStringList credentialValues(const std::map<std::string, std::string> &environment)
{
    QStringList values{QStringLiteral("letmein"), QStringLiteral("SENTINEL_7f3a_910"), QStringLiteral("SENTINEL_7f3a_706changeme"),
                       QString::fromStdString(environment.at("S_CRED_TOKEN"))};
    for (int n : {700, 701, 702, 703, 704, 705, 706, 720, 721, 722, 723})
        values << QStringLiteral("SENTINEL_7f3a_%1").arg(n);
    return values;
}

/** Each value, and its MD5, SHA-1 and SHA-256 (hex) and base64, found in `text`. */
QString credentialLeaks(const QString &text, const QStringList &values)
{
    QStringList found;
    for (const QString &value : values) {
        const QByteArray bytes = value.toUtf8();
        QStringList forms{value, QString::fromLatin1(bytes.toBase64())};
        for (auto algorithm : {QCryptographicHash::Md5, QCryptographicHash::Sha1, QCryptographicHash::Sha256})
            forms << QString::fromLatin1(QCryptographicHash::hash(bytes, algorithm).toHex());
        for (const QString &form : forms)
            if (text.contains(form, Qt::CaseInsensitive))
                found << value + QStringLiteral(" as ") + form;
    }
    return found.join(QStringLiteral(", "));
}

const std::string &textProperty(const ThreatModel &model, const std::string &element, const std::string &name)
{
    static const std::string none = "(not set)";
    const Element *found = model.findElement(element);
    if (!found)
        return none;
    const auto it = found->properties.find(name);
    return it != found->properties.end() && std::holds_alternative<std::string>(it->second) ? std::get<std::string>(it->second) : none;
}

const StringList &stringList(const PropertyMap &properties, const std::string &name)
{
    static const StringList none;
    const auto it = properties.find(name);
    return it != properties.end() && std::holds_alternative<StringList>(it->second) ? std::get<StringList>(it->second) : none;
}

} // namespace

class TestImportSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_environment = sentinelEnvironment();
        QVERIFY2(m_environment.size() > 60, "the test files use the S_ variables");
        QVERIFY(m_scratch.isValid());
    }

    void libraryShowsNoValue()
    {
        auto imported = importCompose({sentinelsPath(QStringLiteral("compose.yml")).toStdString()}, m_environment);
        QVERIFY2(imported, imported.error().c_str());
        GraphvizLayoutEngine layout;
        finishImport(*imported, builtInCatalog(), layout);
        const QString outputs = QString::fromStdString(libraryOutputs(*imported));
        QVERIFY2(!anySentinel().match(outputs).hasMatch(), qPrintable(leaks(outputs)));

        // Every variable was set, so each position really held a sentinel.
        const std::string report = formatImportReport(imported->report);
        QVERIFY2(report.find("is not set") == std::string::npos, report.c_str());
        // Where the text came from a variable, the model names the variable instead.
        const Element *web = imported->model.findElement("web");
        QVERIFY(web);
        QCOMPARE(std::get<std::string>(web->properties.at("image.ref")), std::string("registry.example.com/${S_IMAGE}:${D_TAG}"));
        QCOMPARE(std::get<std::string>(web->properties.at("runAsUser")), std::string("${S_USER}"));
        // What the values mean is still recorded: a Docker socket and a file under /etc/ssh, by
        // their well-known locations; a disk among the devices.
        const StringList &mounts = stringList(web->properties, "hostPathMounts");
        for (const char *expected : {"/var/run/docker.sock", "/etc/ssh", "/srv/${S_BIND_DIR}:ro"})
            QVERIFY2(std::find(mounts.begin(), mounts.end(), expected) != mounts.end(), expected);
        QCOMPARE(stringList(web->properties, "devices"), (StringList{"device 1 (a host disk)", "device 2"}));
        const AnalysisResult analysis = analyzeModel(imported->model, builtInCatalog());
        QVERIFY(std::any_of(analysis.threats.begin(), analysis.threats.end(), [](const Threat &t) { return t.id() == "RUN-07@web"; }));
        // The project is named after its folder, not after ${S_NAME}.
        QCOMPARE(imported->model.metadata().title, std::string("Docker Compose: sentinels"));
    }

    void cliShowsNoValue()
    {
        const QString model = m_scratch.filePath(QStringLiteral("sentinels.bulkhead.json"));
        const CliRun imported = runCli({QStringLiteral("import"), QStringLiteral("compose"), sentinelsPath(QStringLiteral("compose.yml")),
                                        QStringLiteral("-o"), model},
                                       m_environment);
        QVERIFY2(imported.exitCode == 0 || imported.exitCode == 1, qPrintable(imported.err));
        QVERIFY2(imported.out.contains(QStringLiteral("Wrote ")), qPrintable(imported.out));
        QString outputs = imported.out + imported.err + QString::fromUtf8(bulkhead::test::readAll(model));
        for (const QString &suffix : {QStringLiteral(".html"), QStringLiteral(".md"), QStringLiteral(".json")}) {
            const QString report = m_scratch.filePath(QStringLiteral("sentinels") + suffix);
            const CliRun written = runCli({QStringLiteral("report"), model, QStringLiteral("-o"), report, QStringLiteral("--date"),
                                           QStringLiteral("2026-01-15")},
                                          m_environment);
            QVERIFY2(written.exitCode == 0, qPrintable(suffix + QStringLiteral(": ") + written.err));
            outputs += written.out + written.err + QString::fromUtf8(bulkhead::test::readAll(report));
        }
        QVERIFY2(!anySentinel().match(outputs).hasMatch(), qPrintable(leaks(outputs)));
        QVERIFY(outputs.contains(QStringLiteral("${S_IMAGE}")));
    }

    void errorsShowNoValue_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        // Where a value made the file invalid, the error names the variable and its source.
        const QString fromEnvironment = QStringLiteral("\"${S_BAD}\" (S_BAD from the environment; its value is not shown)");
        QTest::newRow("privileged") << "invalid-privileged.yml" << "privileged must be true or false, not " + fromEnvironment;
        QTest::newRow("privileged from .env") << "invalid-privileged-dotenv.yml"
                                              << "not \"${D_PRIVILEGED}\" (D_PRIVILEGED from the .env file; its value is not shown)";
        QTest::newRow("read_only") << "invalid-read-only.yml" << "read_only must be true or false, not " + fromEnvironment;
        QTest::newRow("use_api_socket") << "invalid-use-api-socket.yml" << "use_api_socket must be true or false, not " + fromEnvironment;
        QTest::newRow("restart") << "invalid-restart.yml" << "or unless-stopped, not " + fromEnvironment;
        QTest::newRow("host port") << "invalid-port-host.yml" << "\"${S_BAD}:80\" (S_BAD from the environment; its value is not shown) is not a port number";
        QTest::newRow("container port") << "invalid-port-container.yml" << "\"8080:${S_BAD}\" (S_BAD from";
        QTest::newRow("port protocol") << "invalid-port-protocol.yml" << "tcp, udp or sctp, not \"8080:80/${S_BAD}\" (S_BAD from";
        QTest::newRow("port bracket") << "invalid-port-bracket.yml" << "unterminated [ in port \"[${S_BAD}:80\" (S_BAD from";
        QTest::newRow("port parts") << "invalid-port-parts.yml" << "too many parts in port \"${S_BAD}:1:2:3\" (S_BAD from";
        QTest::newRow("published port") << "invalid-port-published.yml" << fromEnvironment + " is not a port number";
        QTest::newRow("target port") << "invalid-port-target.yml" << fromEnvironment + " is not a port number";
        QTest::newRow("long port protocol") << "invalid-port-long-protocol.yml" << "tcp, udp or sctp, not " + fromEnvironment;
        QTest::newRow("expose") << "invalid-expose.yml" << fromEnvironment + " is not a port (1-65535)";
        QTest::newRow("expose protocol") << "invalid-expose-protocol.yml" << "exposed port is tcp, udp or sctp, not \"80/${S_BAD}\" (S_BAD from";
        QTest::newRow("healthcheck.disable") << "invalid-healthcheck-disable.yml" << "healthcheck.disable must be true or false, not " + fromEnvironment;
        QTest::newRow("volume read_only") << "invalid-volume-read-only.yml" << "read_only must be true or false, not " + fromEnvironment;
        QTest::newRow("env_file required") << "invalid-env-file-required.yml" << "env_file required must be true or false, not " + fromEnvironment;
        QTest::newRow("env_file outside") << "invalid-env-file-outside.yml" << "env_file ../${S_BAD}.env is outside the project folder";
        QTest::newRow("extends service") << "invalid-extends-service.yml" << "service app extends " + fromEnvironment + ", which is not a service here";
        QTest::newRow("extends service in a file") << "invalid-extends-service-in-file.yml"
                                                   << "service app extends " + fromEnvironment + ", which common.yml does not define";
        QTest::newRow("extends file missing") << "invalid-extends-file-missing.yml" << "${S_BAD}.yml: cannot open";
        QTest::newRow("extends file outside") << "invalid-extends-file-outside.yml" << "extends file /${S_BAD}/base.yml is outside the project folder";
    }

    void errorsShowNoValue()
    {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        const QString path = sentinelsPath(file);
        const auto imported = importCompose({path.toStdString()}, m_environment);
        QVERIFY(!imported);
        const QString error = QString::fromStdString(imported.error());
        QVERIFY2(!anySentinel().match(error).hasMatch(), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
        QVERIFY2(error.startsWith(path + QLatin1Char(':')) || error.startsWith(sentinelsPath(QString())), qPrintable(error));

        const QString model = m_scratch.filePath(QStringLiteral("never-written.json"));
        const CliRun cli = runCli({QStringLiteral("import"), QStringLiteral("compose"), path, QStringLiteral("-o"), model}, m_environment);
        QCOMPARE(cli.exitCode, 2);
        QVERIFY2(!anySentinel().match(cli.out + cli.err).hasMatch(), qPrintable(cli.out + cli.err));
        QCOMPARE(cli.err, QStringLiteral("bulkhead-cli: ") + error + QLatin1Char('\n'));
        QVERIFY(!QFile::exists(model));
    }

    void credentialsShowNoValue_data()
    {
        QTest::addColumn<QString>("importer");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("expected");
        // Each check ran: element, property, the value it got ("element.property=value").
        QTest::newRow("compose") << "compose" << sentinelsPath(QStringLiteral("credentials.yml"))
                                 << QStringList{"shared.sharedCredentials=yes", "shared.credsInConfig=yes", "same-as-user.weakCredentials=yes",
                                                "default.weakCredentials=yes", "empty.emptyPassword=yes", "url.credsInConfig=yes",
                                                "env-file.weakCredentials=yes", "env-file.sharedCredentials=yes", "defaulted.weakCredentials=yes",
                                                "placeholder-key.weakSecretKey=yes"};
        QTest::newRow("kubernetes") << "k8s" << k8sSentinelsPath(QStringLiteral("credentials.yaml"))
                                    << QStringList{"db.sharedCredentials=yes", "web.weakCredentials=yes", "web.emptyPassword=yes",
                                                   "web.credsInConfig=yes"};
    }

    void credentialsShowNoValue()
    {
        QFETCH(QString, importer);
        QFETCH(QString, file);
        QFETCH(QStringList, expected);
        auto imported = importer == QLatin1String("compose") ? importCompose({file.toStdString()}, m_environment) : importKubernetes({file.toStdString()});
        QVERIFY2(imported, imported.error().c_str());
        GraphvizLayoutEngine layout;
        finishImport(*imported, builtInCatalog(), layout);
        for (const QString &fact : expected) {
            const QStringList parts = fact.split(QRegularExpression(QStringLiteral("[.=]")));
            QCOMPARE(QString::fromStdString(textProperty(imported->model, parts[0].toStdString(), parts[1].toStdString())) + QLatin1Char(' ') + fact,
                     parts[2] + QLatin1Char(' ') + fact);
        }
        const QStringList values = credentialValues(m_environment);
        QString outputs = QString::fromStdString(libraryOutputs(*imported));

        const QString model = m_scratch.filePath(QStringLiteral("credentials-") + importer + QStringLiteral(".bulkhead.json"));
        const CliRun cli = runCli({QStringLiteral("import"), importer, file, QStringLiteral("-o"), model, QStringLiteral("--force")}, m_environment);
        QVERIFY2(cli.exitCode == 0 || cli.exitCode == 1, qPrintable(cli.err));
        outputs += cli.out + cli.err + QString::fromUtf8(bulkhead::test::readAll(model));
        for (const QString &format : {QStringLiteral("html"), QStringLiteral("md"), QStringLiteral("json"), QStringLiteral("csv"), QStringLiteral("sarif")}) {
            const QString report = m_scratch.filePath(QStringLiteral("credentials-") + importer + QLatin1Char('.') + format);
            const CliRun written = runCli({QStringLiteral("report"), model, QStringLiteral("-o"), report, QStringLiteral("--force"), QStringLiteral("--format"), format,
                                           QStringLiteral("--date"), QStringLiteral("2026-01-15")},
                                          m_environment);
            QVERIFY2(written.exitCode == 0, qPrintable(format + QStringLiteral(": ") + written.err));
            outputs += written.out + written.err + QString::fromUtf8(bulkhead::test::readAll(report));
        }
        const CliRun analyzed = runCli({QStringLiteral("analyze"), model}, m_environment);
        outputs += analyzed.out + analyzed.err;
        QVERIFY2(outputs.contains(QStringLiteral("IAM-15")) && outputs.contains(QStringLiteral("IAM-16")), "the credential rules fired");
        QVERIFY2(!anySentinel().match(outputs).hasMatch(), qPrintable(leaks(outputs)));
        const QString leaked = credentialLeaks(outputs, values);
        QVERIFY2(leaked.isEmpty(), qPrintable(leaked));
    }

    void credentialErrorsShowNoValue_data()
    {
        QTest::addColumn<QString>("importer");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("compose") << "compose" << sentinelsPath(QStringLiteral("invalid-credentials.yml")) << "privileged must be true or false";
        QTest::newRow("kubernetes") << "k8s" << k8sSentinelsPath(QStringLiteral("invalid-credentials.yaml")) << "data";
    }

    /** A file that fails after the credentials were read: the error quotes none of them. */
    void credentialErrorsShowNoValue()
    {
        QFETCH(QString, importer);
        QFETCH(QString, file);
        QFETCH(QString, expected);
        const auto imported = importer == QLatin1String("compose") ? importCompose({file.toStdString()}, m_environment) : importKubernetes({file.toStdString()});
        QVERIFY(!imported);
        const QString error = QString::fromStdString(imported.error());
        QVERIFY2(error.contains(expected), qPrintable(error));
        const CliRun cli = runCli({QStringLiteral("import"), importer, file, QStringLiteral("-o"), m_scratch.filePath(QStringLiteral("never.json"))}, m_environment);
        QCOMPARE(cli.exitCode, 2);
        const QString outputs = error + cli.out + cli.err;
        QVERIFY2(!anySentinel().match(outputs).hasMatch(), qPrintable(leaks(outputs)));
        const QString leaked = credentialLeaks(outputs, credentialValues(m_environment));
        QVERIFY2(leaked.isEmpty(), qPrintable(leaked));
    }

private:
    std::map<std::string, std::string> m_environment;
    QTemporaryDir m_scratch;
};

QTEST_GUILESS_MAIN(TestImportSecrets)
#include "tst_import_secrets.moc"
