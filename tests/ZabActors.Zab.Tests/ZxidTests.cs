namespace ZabActors.Zab.Tests;

public class ZxidTests
{
    [Fact]
    public void Zxid_should_keep_epoch_in_high_bits_and_counter_in_low_bits()
    {
        var zxid = Zxid.Make(3, 0x12);

        Assert.Equal(0x300000012L, zxid.Value);
        Assert.Equal(3, zxid.Epoch);
        Assert.Equal(0x12, zxid.Counter);
        Assert.Equal("0x300000012", zxid.ToString());
    }

    [Fact]
    public void Zxid_should_order_by_epoch_then_counter()
    {
        Assert.True(Zxid.Make(2, 0xffffffff) < Zxid.Make(3, 0));
        Assert.True(Zxid.Make(3, 1) > Zxid.Make(3, 0));
        Assert.Equal(Zxid.Make(3, 1), Zxid.Max(Zxid.Make(3, 1), Zxid.Make(2, 9)));
    }

    [Fact]
    public void Zxid_should_mark_the_epoch_start()
    {
        Assert.True(Zxid.Make(5, 0).IsEpochStart);
        Assert.False(Zxid.Make(5, 1).IsEpochStart);
    }

    [Fact]
    public void Zxid_should_refuse_counters_and_epochs_out_of_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Zxid.Make(1, 0x1_0000_0000));
        Assert.Throws<ArgumentOutOfRangeException>(() => Zxid.Make(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Zxid.Make(Zxid.EpochMax + 1, 0));
    }

    [Fact]
    public void Txn_records_should_compare_payloads_by_content()
    {
        var a = new Txn(Zxid.Make(1, 1), Bytes.Wrap([1, 2, 3]));
        var b = new Txn(Zxid.Make(1, 1), Bytes.CopyFrom([1, 2, 3]));

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Data = Bytes.Wrap([1, 2]) });
    }
}
