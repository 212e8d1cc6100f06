#include "testfiles.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {

/**
 * Runs `bulkhead --screenshot` with the given model (none for an empty document) and any
 * further options.
 */
QImage screenshot(const QStringList &model, const QStringList &options = {})
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("window.png"));
    QProcess process;
    process.start(QStringLiteral(BULKHEAD_GUI_PATH),
                  QStringList{QStringLiteral("--screenshot"), out} + options + model);
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

    void screenshotSelectsAnItemAndRaisesAPanel()
    {
        const QString model = bulkhead::test::sourcePath(
            QStringLiteral("examples/compose-web-app.bulkhead.json"));
        const QImage plain = screenshot({model});
        QVERIFY(!plain.isNull());
        for (const QStringList &options :
             {QStringList{QStringLiteral("--select"), QStringLiteral("web-app")},
              QStringList{QStringLiteral("--tab"), QStringLiteral("Defense in depth")}}) {
            const QImage shown = screenshot({model}, options);
            QVERIFY2(!shown.isNull(), qPrintable(options.join(u' ')));
            QCOMPARE(shown.size(), plain.size());
            // The property editor or the panel shows: more than a selection outline changes.
            int changed = 0;
            for (int y = 0; y < shown.height(); y += 5)
                for (int x = 0; x < shown.width(); x += 5)
                    changed += shown.pixel(x, y) != plain.pixel(x, y) ? 1 : 0;
            QVERIFY2(changed > 500, qPrintable(QStringLiteral("%1: %2 sampled pixels differ")
                                                   .arg(options.join(u' '))
                                                   .arg(changed)));
        }
    }

    void screenshotOfAnUnknownItemOrPanelFails_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("select") << QStringLiteral("--select") << QStringLiteral("no-such-item")
                                << QStringLiteral("--select: no item with the id no-such-item");
        QTest::newRow("tab") << QStringLiteral("--tab") << QStringLiteral("No such panel")
                             << QStringLiteral("--tab: no panel titled No such panel");
    }

    void screenshotOfAnUnknownItemOrPanelFails()
    {
        QFETCH(QString, option);
        QFETCH(QString, value);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("window.png"));
        const QString model = bulkhead::test::sourcePath(
            QStringLiteral("examples/compose-web-app.bulkhead.json"));
        QProcess process;
        process.start(QStringLiteral(BULKHEAD_GUI_PATH),
                      {QStringLiteral("--screenshot"), out, option, value, model});
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitCode(), 2);
        const QString error = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY(!QFile::exists(out));
    }

    void screenshotShowsAComparison()
    {
        const QString newer = bulkhead::test::dataPath(QStringLiteral("diff/everything-changed.bulkhead.json"));
        const QString older = bulkhead::test::dataPath(QStringLiteral("diff/base.bulkhead.json"));
        const QImage plain = screenshot({newer});
        const QImage compared = screenshot({newer}, {QStringLiteral("--compare"), older});
        QVERIFY(!plain.isNull());
        QVERIFY(!compared.isNull());
        QCOMPARE(compared.size(), plain.size());
        // The ghosts' red and the outlines' green appear; the plain window has neither.
        const auto count = [](const QImage &image, QRgb colour) {
            int found = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    found += image.pixel(x, y) == colour ? 1 : 0;
            return found;
        };
        const QRgb red = qRgb(0xc6, 0x28, 0x28);
        const QRgb green = qRgb(0x2e, 0x7d, 0x32);
        QCOMPARE(count(plain, green), 0);
        QVERIFY2(count(compared, green) > 100, qPrintable(QString::number(count(compared, green))));
        QVERIFY2(count(compared, red) > count(plain, red) + 50,
                 qPrintable(QStringLiteral("%1 red pixels, %2 without comparing")
                                .arg(count(compared, red))
                                .arg(count(plain, red))));
    }

    void screenshotComparedWithAnUnreadableModelFails()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("window.png"));
        const QString model = bulkhead::test::dataPath(QStringLiteral("diff/base.bulkhead.json"));
        const QString corrupt = bulkhead::test::dataPath(QStringLiteral("diff/corrupt.bulkhead.json"));
        QProcess process;
        process.start(QStringLiteral(BULKHEAD_GUI_PATH),
                      {QStringLiteral("--screenshot"), out, QStringLiteral("--compare"), corrupt, model});
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitCode(), 2);
        const QString error = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(error.contains(QStringLiteral("bulkhead: --compare: ") + corrupt + QStringLiteral(":9:12: invalid JSON")),
                 qPrintable(error));
        QVERIFY(!QFile::exists(out));
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
