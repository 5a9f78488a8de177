import Foundation

/// Conversions between linear quantities and decibels.
public enum Decibels {
    /// 20 log10(amplitude), with a floor of -400 dB for zero.
    @inlinable public static func fromAmplitude(_ amplitude: Double) -> Double {
        amplitude > 0 ? 20 * log10(amplitude) : -400
    }
    /// 10 log10(power), with a floor of -400 dB for zero.
    @inlinable public static func fromPower(_ power: Double) -> Double {
        power > 0 ? 10 * log10(power) : -400
    }
    /// 10^(dB/20).
    @inlinable public static func toAmplitude(_ decibels: Double) -> Double { pow(10, decibels / 20) }
    /// 10^(dB/10).
    @inlinable public static func toPower(_ decibels: Double) -> Double { pow(10, decibels / 10) }
}
