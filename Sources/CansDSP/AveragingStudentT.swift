/// Quantiles of Student's t distribution (Student, "The probable error of a mean", Biometrika 6,
/// 1908), for confidence intervals of a mean over a few re-seats.
public enum StudentT {
    /// t(0.975, df) for df = 1...30, to 9 decimals (scipy.stats.t.ppf(0.975, df); they round to the
    /// 3-decimal table of the NIST/SEMATECH e-Handbook of Statistical Methods, section 1.3.6.7.2).
    static let quantiles975: [Double] = [
        12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836,
        2.446911851, 2.364624252, 2.306004135, 2.262157163, 2.228138852,
        2.200985160, 2.178812830, 2.160368656, 2.144786688, 2.131449546,
        2.119905299, 2.109815578, 2.100922040, 2.093024054, 2.085963447,
        2.079613845, 2.073873068, 2.068657610, 2.063898562, 2.059538553,
        2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
    ]

    /// The 0.975 quantile of Student's t with `degreesOfFreedom` (>= 1) degrees of freedom: the
    /// factor of a two-sided 95 % interval. From the table for 1...30, and the normal quantile
    /// 1.96 above 30 (t is then 4.1 % larger at 31, 2.1 % at 60, 1.0 % at 120: the interval is that
    /// much too narrow for 32 or more responses, more re-seats than anyone measures by hand).
    /// - Precondition: degreesOfFreedom >= 1 (callers have at least two responses).
    public static func quantile975(degreesOfFreedom: Int) -> Double {
        precondition(degreesOfFreedom >= 1, "invariant: at least one degree of freedom")
        return degreesOfFreedom <= quantiles975.count ? quantiles975[degreesOfFreedom - 1] : 1.96
    }
}
