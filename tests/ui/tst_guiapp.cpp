#include "testfiles.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {

/** Runs `bulkhead --screenshot` with the given model (none for an empty document). */
QImage screenshot(const QStringList &model)
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("window.png"));
    QProcess process;
    process.start(QStringLiteral(BULKHEAD_GUI_PATH),
                  QStringList{QStringLiteral("--screenshot"), out} + model);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        qWarning("bulkhead --screenshot failed: %s", process.readAllStandardError().constData());
        return {};
    }
    return QImage(out);
}

} // namespace

/** The `bulkhead` executable itself: --screenshot renders the window with a model and exits. */
class TestGuiApp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void screenshotRendersTheWindow()
    {
        const QImage image = screenshot(
            {bulkhead::test::sourcePath(QStringLiteral("examples/compose-web-app.bulkhead.json"))});
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800 && image.height() >= 500);

        // The control: the same window with an empty document. The model's diagram, threats
        // and outline must change a good part of the picture, not a few pixels of a title.
        const QImage empty = screenshot({});
        QVERIFY(!empty.isNull());
        QCOMPARE(empty.size(), image.size());
        int sampled = 0;
        int changed = 0;
        QSet<QRgb> colours;
        QSet<QRgb> emptyColours;
        for (int y = 0; y < image.height(); y += 7) {
            for (int x = 0; x < image.width(); x += 7) {
                ++sampled;
                changed += image.pixel(x, y) != empty.pixel(x, y) ? 1 : 0;
                colours.insert(image.pixel(x, y));
                emptyColours.insert(empty.pixel(x, y));
            }
        }
        QVERIFY2(changed * 10 > sampled, qPrintable(QStringLiteral("%1 of %2 sampled pixels differ")
                                                        .arg(changed)
                                                        .arg(sampled)));
        // About 570 against 220 colours, and 30% of the pixels changed, as of this writing.
        QVERIFY2(2 * colours.size() > 3 * emptyColours.size(),
                 qPrintable(QStringLiteral("%1 colours with the model, %2 without")
                                .arg(colours.size())
                                .arg(emptyColours.size())));
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
