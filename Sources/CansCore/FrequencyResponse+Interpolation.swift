import Foundation

extension FrequencyResponse {
    /// Magnitude in dB at `frequencyHz`, interpolated linearly against log frequency.
    ///
    /// Outside the measured range the end values are held (flat extrapolation), the convention of
    /// AutoEq and REW for targets and calibration files. O(log n) by binary search.
    public func magnitudeDB(atHz frequencyHz: Double) -> Double {
        Self.interpolate(frequenciesHz, magnitudesDB, at: frequencyHz)
    }

    /// This response resampled onto `gridHz` (increasing), interpolating in log frequency and
    /// holding the end values outside the measured range. O(n + m) with a moving cursor.
    public func resampled(toHz gridHz: [Double]) -> FrequencyResponse {
        var values = [Double]()
        values.reserveCapacity(gridHz.count)
        var cursor = 0
        let xs = frequenciesHz, ys = magnitudesDB
        for frequency in gridHz {
            if frequency <= xs[0] { values.append(ys[0]); continue }
            if frequency >= xs[xs.count - 1] { values.append(ys[ys.count - 1]); continue }
            while cursor + 1 < xs.count, xs[cursor + 1] < frequency { cursor += 1 }
            let x0 = log(xs[cursor]), x1 = log(xs[cursor + 1])
            let t = (log(frequency) - x0) / (x1 - x0)
            values.append(ys[cursor] + t * (ys[cursor + 1] - ys[cursor]))
        }
        return FrequencyResponse(validatedFrequenciesHz: gridHz, magnitudesDB: values)
    }

    /// The response shifted so that it reads `levelDB` at `frequencyHz` (AutoEq normalises to
    /// 0 dB at 1 kHz).
    public func normalized(toDB levelDB: Double = 0, atHz frequencyHz: Double = 1000) -> FrequencyResponse {
        let offset = levelDB - magnitudeDB(atHz: frequencyHz)
        return FrequencyResponse(
            validatedFrequenciesHz: frequenciesHz, magnitudesDB: magnitudesDB.map { $0 + offset },
            phasesDegrees: phasesDegrees)
    }

    /// Linear interpolation against log frequency with flat extrapolation.
    static func interpolate(_ xs: [Double], _ ys: [Double], at frequency: Double) -> Double {
        if frequency <= xs[0] { return ys[0] }
        if frequency >= xs[xs.count - 1] { return ys[ys.count - 1] }
        var low = 0, high = xs.count - 1
        while high - low > 1 {
            let mid = (low + high) / 2
            if xs[mid] <= frequency { low = mid } else { high = mid }
        }
        let t = (log(frequency) - log(xs[low])) / (log(xs[high]) - log(xs[low]))
        return ys[low] + t * (ys[high] - ys[low])
    }
}
