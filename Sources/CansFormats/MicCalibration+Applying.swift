import CansCore

extension MicCalibration {
    /// `measurement` corrected for the microphone: the calibration, interpolated on the
    /// measurement's frequencies (log-frequency, end values held outside its range, see
    /// `FrequencyResponse.resampled(toHz:)`), is subtracted in dB.
    ///
    /// Phase: when both have phase, the calibration's phase is unwrapped, interpolated the same
    /// way, subtracted, and the result wrapped to (-180, 180] degrees (REW's convention); when
    /// only the measurement has phase it is kept; otherwise the result has none.
    public func applied(to measurement: FrequencyResponse) -> FrequencyResponse {
        let calibration = response.resampled(toHz: measurement.frequenciesHz).magnitudesDB
        let magnitudes = zip(measurement.magnitudesDB, calibration).map { $0 - $1 }
        var phases = measurement.phasesDegrees
        if let measured = phases, let calibrationPhases = response.phasesDegrees {
            let unwrapped = FrequencyResponse(
                validatedFrequenciesHz: response.frequenciesHz, magnitudesDB: Self.unwrapped(calibrationPhases))
            let interpolated = unwrapped.resampled(toHz: measurement.frequenciesHz).magnitudesDB
            phases = zip(measured, interpolated).map { Self.wrapped($0 - $1) }
        }
        return FrequencyResponse(
            validatedFrequenciesHz: measurement.frequenciesHz, magnitudesDB: magnitudes, phasesDegrees: phases)
    }

    /// Phase in degrees without 360-degree jumps between neighbours.
    static func unwrapped(_ degrees: [Double]) -> [Double] {
        var result = degrees
        var offset = 0.0
        for index in result.indices.dropFirst() {
            let step = degrees[index] - degrees[index - 1]
            offset -= 360 * (step / 360).rounded()
            result[index] = degrees[index] + offset
        }
        return result
    }

    /// An angle in degrees folded into (-180, 180].
    static func wrapped(_ degrees: Double) -> Double {
        var value = degrees.truncatingRemainder(dividingBy: 360)
        if value > 180 { value -= 360 }
        if value <= -180 { value += 360 }
        return value
    }
}
