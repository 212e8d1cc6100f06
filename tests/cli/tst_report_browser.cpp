// Loads the HTML report of a hostile model in headless Chromium and checks that nothing from
// the model became markup or ran: the acceptance test of the report's escaping and CSP.
#include "clirunner.h"
#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

namespace {

const QString chromium = QStringLiteral("/usr/bin/chromium");

using Run = bulkhead::test::CliResult;

Run run(const QString &program, const QStringList &arguments)
{
    return bulkhead::test::runProgram(program, arguments);
}

QStringList chromiumArguments(const QString &profile)
{
    return {QStringLiteral("--headless"), QStringLiteral("--no-sandbox"), QStringLiteral("--disable-gpu"),
            QStringLiteral("--disable-quic"), QStringLiteral("--no-first-run"),
            QStringLiteral("--disable-background-networking"), QStringLiteral("--disable-component-update"),
            QStringLiteral("--disable-sync"), QStringLiteral("--user-data-dir=") + profile};
}

} // namespace

class TestReportBrowser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFileInfo::exists(chromium))
            QFAIL("/usr/bin/chromium is missing: install the Debian package chromium (scripts/setup does)");
        QVERIFY(m_dir.isValid());
        m_report = m_dir.filePath(QStringLiteral("hostile report.html"));
        const Run cli = run(QStringLiteral(BULKHEAD_CLI_PATH),
                            {QStringLiteral("report"), bulkhead::test::dataPath(QStringLiteral("report/hostile.bulkhead.json")),
                             QStringLiteral("-o"), m_report});
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
        QVERIFY(QFileInfo::exists(m_report));
    }

    void domShowsHostileTextAsText()
    {
        QStringList args = chromiumArguments(m_dir.filePath(QStringLiteral("profile-dom")));
        args << QStringLiteral("--dump-dom") << QUrl::fromLocalFile(m_report).toString();
        const Run browser = run(chromium, args);
        QVERIFY2(browser.exitCode == 0, qPrintable(browser.err.right(2000)));
        const QString dom = browser.out;
        QVERIFY2(dom.contains(QStringLiteral("<body")), qPrintable(dom.left(500)));
        QVERIFY(dom.contains(QStringLiteral("Threat report")));
        // The serialised DOM escapes < > & in text: the hostile strings are there as text.
        QVERIFY(dom.contains(QStringLiteral("&lt;script&gt;alert(1)&lt;/script&gt;")));
        QVERIFY(dom.contains(QStringLiteral("\"&gt;&lt;img src=x onerror=alert(2)&gt;")));
        QVERIFY(dom.contains(QStringLiteral("javascript:alert(3)")));
        // ... and never as elements.
        QVERIFY(!dom.contains(QStringLiteral("<script"), Qt::CaseInsensitive));
        QVERIFY(!dom.contains(QStringLiteral("<img"), Qt::CaseInsensitive));
        QVERIFY(!dom.contains(QStringLiteral("<iframe"), Qt::CaseInsensitive));
        const QRegularExpression eventHandler(QStringLiteral("<[a-zA-Z][^<>]*\\son[a-z]+\\s*="),
                                              QRegularExpression::CaseInsensitiveOption);
        QVERIFY2(!eventHandler.match(dom).hasMatch(), qPrintable(eventHandler.match(dom).captured()));
        const QRegularExpression scriptLink(QStringLiteral("href\\s*=\\s*[\"']?\\s*javascript:"),
                                            QRegularExpression::CaseInsensitiveOption);
        QVERIFY(!scriptLink.match(dom).hasMatch());
    }

    void nothingRuns()
    {
        // A control page proves that console output and dialogs do reach the log.
        const QString control = m_dir.filePath(QStringLiteral("control.html"));
        {
            QFile file(control);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("<!DOCTYPE html><html><body><script>console.log('bh-control-ran');</script></body></html>");
        }
        auto logged = [&](const QString &page, const QString &profile) {
            QStringList args = chromiumArguments(m_dir.filePath(profile));
            args << QStringLiteral("--enable-logging=stderr") << QStringLiteral("--v=1")
                 << QStringLiteral("--dump-dom") << QUrl::fromLocalFile(page).toString();
            return run(chromium, args);
        };
        const Run controlRun = logged(control, QStringLiteral("profile-control"));
        QVERIFY2(controlRun.err.contains(QStringLiteral("bh-control-ran")), qPrintable(controlRun.err.right(2000)));

        const Run reportRun = logged(m_report, QStringLiteral("profile-log"));
        QVERIFY2(reportRun.exitCode == 0, qPrintable(reportRun.err.right(2000)));
        const QStringList lines = reportRun.err.split(QLatin1Char('\n'));
        for (const QString &line : lines) {
            const bool console = line.contains(QStringLiteral("CONSOLE"), Qt::CaseInsensitive)
                                 || line.contains(QStringLiteral("console"), Qt::CaseInsensitive);
            const bool dialog = line.contains(QStringLiteral("dialog"), Qt::CaseInsensitive);
            const bool alert = line.contains(QStringLiteral("alert"), Qt::CaseInsensitive);
            QVERIFY2(!((console || dialog) && alert), qPrintable(line));
            QVERIFY2(!alert || !line.contains(QStringLiteral("INFO:CONSOLE")), qPrintable(line));
        }
        QVERIFY(!reportRun.err.contains(QStringLiteral("JavaScriptDialog"), Qt::CaseInsensitive));
    }

private:
    QTemporaryDir m_dir;
    QString m_report;
};

QTEST_GUILESS_MAIN(TestReportBrowser)
#include "tst_report_browser.moc"
