#include "testfiles.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

/** The `bulkhead` executable itself: --screenshot renders the window with a model and exits. */
class TestGuiApp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void screenshotRendersTheWindow()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("window.png"));
        QProcess process;
        process.start(QStringLiteral(BULKHEAD_GUI_PATH),
                      {QStringLiteral("--screenshot"), out,
                       bulkhead::test::sourcePath(QStringLiteral("examples/compose-web-app.bulkhead.json"))});
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitCode(), 0);
        const QImage image(out);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800 && image.height() >= 500);
        // Not a blank picture: the outline's text makes many distinct colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY(colours.size() > 8);
    }

    void screenshotOfABadModelFails()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("window.png"));
        const QString bad = bulkhead::test::dataPath(QStringLiteral("bad-input/empty.bulkhead.json"));
        QProcess process;
        process.start(QStringLiteral(BULKHEAD_GUI_PATH), {QStringLiteral("--screenshot"), out, bad});
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(bad + QStringLiteral(":1:1: invalid JSON")));
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestGuiApp)
#include "tst_guiapp.moc"
