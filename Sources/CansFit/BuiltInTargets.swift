/// The built-in targets, embedded copies of `Targets/*.txt` at the package root (the files are
/// the readable originals; `BuiltInTargetTests` checks that these copies equal them byte for
/// byte). Embedded so that an installed binary never looks for a resource folder (SwiftPM's
/// `Bundle.module` stops the process when the folder is missing).
/// After editing a file, paste its text here between the quotes (the test says which differs).
extension TargetCurve {
    /// (file name without `.txt`, text).
    static let builtInTexts: [(name: String, text: String)] = [
        ("flat", """
            name: Flat
            source: A flat line: 0 dB at every frequency (a reference, not a preference).
            # frequency_Hz  level_dB
            20 0.0
            20000 0.0
            """ + "\n"),
        ("diffuse-field", """
            name: Diffuse field
            source: Diffuse-field response of a head and torso simulator (ISO 11904-2 concept), GRAS 43AG-
            #   style coupler, after AutoEq's legacy `diffuse_field` compensation curve
            #   (github.com/jaakkopasanen/AutoEq, pre-4.0 `compensation/diffuse_field.csv`).
            # A coarse table of the published curve (values rounded to 0.1 dB at 1/3-octave points, plus
            # points where the curve bends), 0 dB at 1 kHz, read as straight lines against log frequency
            # and held flat outside 20 Hz-20 kHz. Matches the published curve within 0.1 dB RMS.
            # frequency_Hz  level_dB
            20       -4.9
            25       -5.0
            31.5     -5.0
            40       -5.0
            50       -5.0
            63       -4.9
            80       -4.8
            100      -4.6
            125      -4.0
            160      -3.7
            200      -4.0
            250      -3.2
            315      -3.4
            341      -3.2
            377      -2.2
            400      -2.5
            441      -3.0
            500      -2.1
            580      -2.3
            630      -1.4
            670      -0.6
            800      -0.5
            919      0.4
            1000     0.0
            1250     1.6
            1320     2.5
            1420     1.7
            1600     4.2
            1730     4.8
            2000     7.0
            2210     8.8
            2380     9.2
            2500     10.2
            2630     11.2
            2950     11.7
            3150     10.6
            3260     10.1
            3560     10.6
            4000     9.9
            4480     8.7
            5000     8.1
            6300     6.0
            7740     4.5
            8000     5.1
            8680     10.3
            8930     11.2
            9060     11.2
            9330     10.2
            9460     9.2
            9880     3.8
            10000    2.8
            10200    2.9
            10600    5.5
            11200    4.3
            11700    6.5
            11900    6.9
            12500    4.7
            13000    3.6
            14000    2.7
            14400    3.2
            15400    5.8
            16000    6.3
            17300    3.9
            18900    4.3
            19400    3.9
            20000    2.6
            """ + "\n"),
        ("harman-over-ear-2018", """
            name: Harman over-ear 2018
            source: S. Olive, T. Welti, O. Khonsaripour, "A Statistical Model that Predicts Listeners'
            #   Preference Ratings of Around-Ear and On-Ear Headphones", AES 144th Convention, 2018, paper
            #   9919 (target of the same authors' 2018 work), as published in AutoEq's `harman_over-
            #   ear_2018.csv`.
            # A coarse table of the published curve (values rounded to 0.1 dB at 1/3-octave points, plus
            # points where the curve bends), 0 dB at 1 kHz, read as straight lines against log frequency
            # and held flat outside 20 Hz-20 kHz. Matches the published curve within 0.1 dB RMS.
            # frequency_Hz  level_dB
            20       3.9
            25       4.0
            31.5     3.9
            40       3.7
            50       3.3
            63       2.7
            80       2.0
            100      1.0
            125      -0.1
            160      -1.2
            200      -2.0
            250      -2.0
            315      -1.5
            400      -1.1
            500      -0.8
            630      -0.5
            800      -0.2
            1000     0.0
            1250     0.8
            1600     2.7
            2000     5.3
            2500     7.4
            3150     8.5
            4000     8.2
            5000     6.4
            6300     4.7
            8000     2.4
            10000    -0.7
            12500    -5.0
            16000    -9.2
            17100    -11.2
            18100    -14.1
            18900    -17.3
            20000    -22.9
            """ + "\n"),
        ("harman-over-ear-2018-without-bass", """
            name: Harman over-ear 2018 without bass
            source: The Harman over-ear 2018 target without its bass shelf (AutoEq's `harman_over-
            #   ear_2018_wo_bass.csv`); add bass with --bass DB (105 Hz, Q 0.7).
            # A coarse table of the published curve (values rounded to 0.1 dB at 1/3-octave points, plus
            # points where the curve bends), 0 dB at 1 kHz, read as straight lines against log frequency
            # and held flat outside 20 Hz-20 kHz. Matches the published curve within 0.1 dB RMS.
            # frequency_Hz  level_dB
            20       -2.1
            25       -2.0
            31.5     -2.0
            40       -2.2
            50       -2.4
            63       -2.5
            80       -2.5
            100      -2.2
            125      -2.1
            160      -2.1
            200      -2.4
            250      -2.2
            315      -1.6
            400      -1.2
            500      -0.9
            630      -0.5
            800      -0.2
            1000     0.0
            1250     0.8
            1600     2.7
            2000     5.3
            2500     7.4
            3150     8.5
            4000     8.2
            5000     6.4
            6300     4.7
            8000     2.4
            10000    -0.7
            12500    -5.0
            16000    -9.2
            17100    -11.2
            18100    -14.1
            18900    -17.3
            20000    -22.9
            """ + "\n"),
        ("harman-in-ear-2019", """
            name: Harman in-ear 2019
            source: S. Olive, T. Welti, O. Khonsaripour, "A Statistical Model that Predicts Listeners'
            #   Preference Ratings of In-Ear Headphones", AES 147th Convention, 2019 (Harman in-ear target
            #   2019 v2), as published in AutoEq's `harman_in-ear_2019v2.csv`; for IEC 60318-4 (711)
            #   couplers.
            # A coarse table of the published curve (values rounded to 0.1 dB at 1/3-octave points, plus
            # points where the curve bends), 0 dB at 1 kHz, read as straight lines against log frequency
            # and held flat outside 20 Hz-20 kHz. Matches the published curve within 0.1 dB RMS.
            # frequency_Hz  level_dB
            20       7.6
            25       7.7
            31.5     7.7
            40       7.4
            50       6.7
            63       5.5
            80       4.2
            100      2.8
            125      1.4
            160      0.1
            200      -1.0
            250      -1.6
            315      -1.7
            400      -1.6
            500      -1.4
            630      -1.1
            800      -0.6
            1000     0.0
            1250     1.1
            1600     3.1
            2000     5.8
            2500     8.3
            3150     9.4
            4000     8.9
            5000     7.7
            6300     6.4
            8000     3.6
            10000    -0.8
            12500    -5.4
            16000    -10.2
            17800    -14.0
            20000    -20.6
            """ + "\n"),
        ("harman-in-ear-2019-without-bass", """
            name: Harman in-ear 2019 without bass
            source: The Harman in-ear 2019 v2 target without its bass shelf (AutoEq's `harman_in-
            #   ear_2019v2_wo_bass.csv`); add bass with --bass DB.
            # A coarse table of the published curve (values rounded to 0.1 dB at 1/3-octave points, plus
            # points where the curve bends), 0 dB at 1 kHz, read as straight lines against log frequency
            # and held flat outside 20 Hz-20 kHz. Matches the published curve within 0.1 dB RMS.
            # frequency_Hz  level_dB
            20       -1.4
            25       -1.2
            31.5     -1.2
            40       -1.4
            50       -1.8
            63       -2.3
            80       -2.4
            100      -2.1
            125      -1.6
            160      -1.4
            200      -1.7
            250      -1.9
            315      -1.8
            400      -1.6
            500      -1.4
            630      -1.1
            800      -0.6
            1000     0.0
            1250     1.1
            1600     3.1
            2000     5.8
            2500     8.3
            3150     9.4
            4000     8.9
            5000     7.7
            6300     6.4
            8000     3.6
            10000    -0.8
            12500    -5.4
            16000    -10.2
            17800    -14.0
            20000    -20.6
            """ + "\n"),
    ]
}
