/// Linear convolution through one FFT of a size of small primes (fast for the long signals of a
/// measurement: 2^20 samples by 2^14 taps in a few tens of ms).
public enum FFTConvolution {
    /// x * h, of length x.count + h.count - 1 (empty if either is empty).
    public static func convolve(_ x: [Double], _ h: [Double]) -> [Double] {
        guard !x.isEmpty, !h.isEmpty else { return [] }
        let length = x.count + h.count - 1
        let size = RealFFT.goodSize(atLeast: length)
        let fft = RealFFT(size: size)
        var a = fft.forward(x)
        let b = fft.forward(h)
        let scale = 1 / Double(size)
        for k in 0..<a.count {
            let re = a.real[k] * b.real[k] - a.imaginary[k] * b.imaginary[k]
            let im = a.real[k] * b.imaginary[k] + a.imaginary[k] * b.real[k]
            a.real[k] = re * scale
            a.imaginary[k] = im * scale
        }
        return Array(fft.inverse(a).prefix(length))
    }
}
